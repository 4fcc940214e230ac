"""Provides the claim store: SQLite through sqlite-utils, with no UI.

Everything outside `storage/` talks to the store through these functions and gets
frozen dataclasses from `factdesk.models` back; rows never leave this package.
"""

from factdesk.storage.articles import (
    SavedArticle,
    counts,
    find_duplicate,
    get_article,
    list_articles,
    save_article,
)
from factdesk.storage.claims import (
    ClaimFilter,
    SORTS,
    claims_for_article,
    count_claims,
    fts_candidates,
    fts_query,
    get_claim,
    get_claims,
    list_claims,
)
from factdesk.storage.connection import (
    StoreError,
    backup_to,
    default_db_path,
    open_db,
    schema_version,
    write_transaction,
)
from factdesk.storage.links import (
    count_links,
    decide_link,
    get_link,
    list_links,
    rejected_pairs,
    save_links,
)
from factdesk.storage.migrations import SCHEMA_VERSION
from factdesk.storage.child_writer import ChildWriter
from factdesk.storage.writer import BackgroundWriter, InlineWriter, writer_for
from factdesk.storage.review import default_reviewer, history, last_undoable, review_claim, undo
from factdesk.storage.speakers import (
    find_speaker_id,
    get_speaker,
    list_speakers,
    merge_speakers,
    rename_speaker,
    speaker_by_name,
    split_speaker,
)

__all__ = [
    "SCHEMA_VERSION", "SORTS", "BackgroundWriter", "ChildWriter", "ClaimFilter", "InlineWriter", "SavedArticle", "StoreError",
    "backup_to",
    "claims_for_article", "count_claims", "count_links", "counts", "decide_link",
    "default_db_path", "default_reviewer", "find_duplicate", "find_speaker_id", "fts_candidates", "fts_query",
    "get_article", "get_claim", "get_claims", "get_link", "get_speaker", "history",
    "last_undoable", "list_articles", "list_claims", "list_links", "list_speakers",
    "merge_speakers", "open_db", "rejected_pairs", "rename_speaker", "review_claim",
    "save_article", "save_links", "schema_version", "speaker_by_name", "split_speaker", "undo",
    "write_transaction", "writer_for",
]
