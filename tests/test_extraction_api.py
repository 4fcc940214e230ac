"""The extraction package's public edges: lazy import, model provenance, JSONL rows."""

import subprocess
import sys

from factdesk.extraction import claims_to_jsonl_rows, model_info
from factdesk.models import Claim, Figure, Speaker


def test_importing_extraction_does_not_import_spacy():
    code = "import sys, factdesk.extraction; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_model_info_checks_hashes_without_loading_spacy():
    code = "import sys, factdesk.extraction as e; i = e.model_info(); print(i['all_ok'], 'spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]
    info = model_info()
    assert info["version"] == "3.8.0"
    assert set(info["files"]) >= {"config.cfg", "tokenizer", "vocab/strings.json"}


def test_jsonl_rows_follow_the_scorer_format():
    claim = Claim(order=0, kind="direct", text='"We won"', content=((0, 8),),
                  speaker=Speaker("Ann Lee"), speaker_mention=(14, 17), cue=(18, 22), cue_text="said",
                  figures=(Figure(value=4000, start=0, end=5, text="4,000", hedge="nearly"),))
    (row,) = claims_to_jsonl_rows("a.txt", [claim])
    assert row["speaker"] == "Ann Lee"
    assert row["content"] == [[0, 8]] and row["cue"] == [18, 22] and row["speaker_mention"] == [14, 17]
    assert row["figures"][0]["span"] == [0, 5] and row["figures"][0]["hedge"] == "nearly"
