"""The layering holds at run time too: the domain never loads the UI, and only ingest/extract load spaCy.

import-linter checks the import graph statically (`make test` runs `lint-imports`); this
imports each module in a fresh interpreter and looks at what actually got loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

DOMAIN = ["factdesk.models", "factdesk.figures", "factdesk.storage", "factdesk.matching",
          "factdesk.reporting", "factdesk.extraction", "factdesk.ingest"]


def loaded_after_import(module: str) -> set[str]:
    code = (f"import sys, json, importlib; importlib.import_module({module!r}); "
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


@pytest.mark.parametrize("module", DOMAIN)
def test_domain_module_loads_no_ui(module):
    # Only Textual is checked at run time: sqlite-utils itself imports click, so "click" in
    # sys.modules says nothing about our code; lint-imports checks our own imports for both.
    assert "textual" not in loaded_after_import(module), module


@pytest.mark.parametrize("module", ["factdesk.cli", "factdesk.storage", "factdesk.extraction",
                                    "factdesk.reporting", "factdesk.matching"])
def test_spacy_is_not_loaded_on_import(module):
    assert "spacy" not in loaded_after_import(module), module


def test_cli_does_not_load_textual_until_review():
    assert "textual" not in loaded_after_import("factdesk.cli")
