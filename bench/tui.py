"""Benchmark the review session on a 100,000-claim store: first frame and key-press latency.

    .venv/bin/python bench/tui.py [--claims 100000] [--db /tmp/factdesk-bench.db]

Prints each number and its ratio against a baseline run in the same way: an empty
Textual App's first frame (cold process, imports included) and a key press that does
nothing (Pilot's own overhead, subtracted as "net"). Each key press is also timed from the
press to the last repaint it caused, inside the app. Goals: first Inbox frame <= 0.8 s,
interactions <= 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
import time
from pathlib import Path

from factdesk import storage

CLAIMS_PER_ARTICLE = 50
SPEAKERS = ["Jean-Yves Le Drian", "Laurent Fabius", "Francois Hollande", "Abou Dardar", "Ban Ki-moon",
            "Dioncounda Traore", "Mokhtar Belmokhtar", "Iyad Ag Ghaly"] + [f"Official {i}" for i in range(292)]
THINGS = ["French troops", "African troops", "miners trapped", "killed", "wounded", "hostages", "refugees"]
SENTENCES = [
    "{n} {what} have been deployed near Gao",
    "The combat is not over and attacks will continue in {town}",
    "Some {n} {what} were reported in {town} on Tuesday",
    "Soldiers will begin withdrawing in March if all goes as planned",
    "The jihadists around {town} were using rockets yesterday",
    "This is a real war with significant losses near {town}",
]
TOWNS = ["Gao", "Kidal", "Konna", "Timbuktu", "Menaka", "Bamako", "Diabaly"]


def build_store(path: Path, n_claims: int) -> None:
    """Bulk-insert a realistic store straight into SQLite (storage.open_db made the schema)."""
    if path.exists():
        path.unlink()
    db = storage.open_db(path)
    conn = db.conn
    rnd = random.Random(7)
    conn.execute("BEGIN")
    for i, name in enumerate(SPEAKERS, 1):
        conn.execute("INSERT INTO speakers (id, name, kind, role) VALUES (?, ?, 'person', ?)",
                     [i, name, "official"])
        conn.execute("INSERT INTO speaker_aliases (speaker_id, alias, alias_key) VALUES (?, ?, ?)",
                     [i, name, name.casefold()])
    claim_id = 0
    for a in range(n_claims // CLAIMS_PER_ARTICLE):
        day = f"2013-{1 + a * 12 // (n_claims // CLAIMS_PER_ARTICLE):02d}-{1 + a % 28:02d}"
        sentences, claims = [], []
        pos = 0
        for c in range(CLAIMS_PER_ARTICLE):
            what = rnd.choice(THINGS)
            n = rnd.choice([11, 60, 800, 1800, 3500, 4000, 8000])
            s = rnd.choice(SENTENCES).format(n=f"{n:,}", what=what, town=rnd.choice(TOWNS))
            claims.append((c, pos, pos + len(s), s, n if "{n}" in s or str(f"{n:,}") in s else None, what))
            sentences.append(s)
            pos += len(s) + 2
        text = ". ".join(sentences)
        cur = conn.execute(
            "INSERT INTO articles (external_id, title, source, published, ingested, text, content_hash) "
            "VALUES (?, ?, 'AFP', ?, ?, ?, ?)",
            [f"bench-{a}", f"Mali dispatch {a}", day, day, text, f"h{a}"])
        article_id = cur.lastrowid
        for order, start, end, s, n, what in claims:
            claim_id += 1
            speaker = rnd.randrange(1, len(SPEAKERS) + 1) if order % 5 else None
            conn.execute(
                'INSERT INTO claims (id, article_id, ord, speaker_id, kind, start, "end", content, text, status) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [claim_id, article_id, order, speaker, "indirect" if speaker else "unattributed", start, end,
                 json.dumps([[start, end]]), s, rnd.choice(["unverified"] * 8 + ["verified", "false"])])
            if n is not None and f"{n:,}" in s:
                fs = start + s.index(f"{n:,}")
                conn.execute('INSERT INTO figures (claim_id, value, what, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)',
                             [claim_id, n, what, fs, fs + len(f"{n:,}"), f"{n:,}"])
    for i in range(1, 2001):
        newer = rnd.randrange(1000, claim_id)
        conn.execute(
            "INSERT OR IGNORE INTO links (claim_id, other_id, relation, score, tier, explanation, figure_key, "
            "decision, created) VALUES (?, ?, ?, 90, 'confident', ?, '', ?, '2013-03-01')",
            [newer, newer - rnd.randrange(1, 900), rnd.choice(["updated_figure", "contradiction", "repeat"]),
             f"bench link {i}", "open" if i % 3 else "confirmed"])
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    db.close()


FIRST_FRAME = """
import sys, time
t0 = time.perf_counter()
{imports}
app = {make}
def ready():
    app.exit(time.perf_counter() - t0)
async def pilot(p):
    await p.pause()
    ready()
print(app.run(headless=True, size=(120, 36), auto_pilot=pilot))
print('spacy' in sys.modules)
"""


def cold_first_frame(imports: str, make: str, runs: int = 3) -> float:
    """Best of `runs` fresh processes: import + build + first frame."""
    best = float("inf")
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", FIRST_FRAME.format(imports=imports, make=make)],
                             capture_output=True, text=True, check=True).stdout.split()
        assert out[-1] == "False", "spaCy was imported at start-up"
        best = min(best, float(out[-2]))
    return best


async def interactions(path: Path, size: tuple[int, int] = (120, 36)) -> dict[str, tuple[float, float, float]]:
    """Median (Pilot, first repaint, last repaint) seconds per interaction.

    Pilot: from the key press until Pilot finds the app idle (it polls every 20 ms, so this
    includes its own waiting: see the no-op key). First repaint: from the key press to the
    first screen update after it (the new table), measured inside the app. Last repaint: to
    the last update it caused (the background "of N" count included).
    """
    from textual.screen import Screen

    from factdesk.tui.app import make_app
    from factdesk.tui.screens.claims import ClaimsScreen

    app = make_app(db_path=path, reviewer="bench")
    times: dict[str, list[tuple[float, float, float]]] = {}
    repaints: list[float] = []
    refresh = Screen._compositor_refresh

    def recorded(screen: Screen) -> None:
        refresh(screen)
        repaints.append(time.perf_counter())

    async def timed(name, pilot, *keys, before=None):
        if before:
            before()
        await pilot.pause()
        repaints.clear()
        t = time.perf_counter()
        await pilot.press(*keys)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        pilot_time = time.perf_counter() - t
        first, last = (repaints[0] - t, repaints[-1] - t) if repaints else (0.0, 0.0)
        times.setdefault(name, []).append((pilot_time, first, last))

    Screen._compositor_refresh = recorded
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.press("2")
            await pilot.pause()
            assert isinstance(app.screen, ClaimsScreen)
            search = app.screen.query_one("#claims-search")
            for _ in range(5):
                await timed("no-op key (baseline)", pilot, "z")
                await timed("filter: t (status)", pilot, "t")
                await timed("filter: g (has figures)", pilot, "g")
                await timed("page down", pilot, "pagedown")
                await timed("page up", pilot, "pageup")
                await timed("mark verified (v)", pilot, "v")
                await timed("search: troops Gao", pilot, "enter",
                            before=lambda: (search.focus(), setattr(search, "value", "troops Gao")))
                await timed("clear filter", pilot, "escape")
                await timed("switch to inbox (1)", pilot, "1")
                await timed("back to claims (2)", pilot, "2")
                await app.workers.wait_for_complete()
    finally:
        Screen._compositor_refresh = refresh
    app.session.db.close()

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    return {k: tuple(median([run[i] for run in v]) for i in range(3)) for k, v in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/factdesk-bench.db"))
    parser.add_argument("--reuse", action="store_true", help="keep an existing bench store")
    parser.add_argument("--no-first-frame", action="store_true", help="only time key presses")
    args = parser.parse_args()
    if not (args.reuse and args.db.exists()):
        t = time.perf_counter()
        build_store(args.db, args.claims)
        print(f"built {args.claims:,} claims in {time.perf_counter() - t:.1f} s")

    if not args.no_first_frame:
        base = cold_first_frame("from textual.app import App", "App()")
        ours = cold_first_frame("from factdesk.tui.app import make_app", f"make_app(db_path={str(args.db)!r})")
        print(f"first frame, empty Textual app (baseline): {base * 1000:7.0f} ms")
        print(f"first frame, factdesk Inbox:               {ours * 1000:7.0f} ms   x{ours / base:.2f} "
              f"{'OK' if ours <= 0.8 else 'OVER 0.8 s'}")

    for size in ((120, 36), (80, 24)):
        results = asyncio.run(interactions(args.db, size))
        noop = results["no-op key (baseline)"][0]
        print(f"\nkey presses at {size[0]}x{size[1]}: Pilot raw, net of the no-op key; key to first / last repaint")
        for name, (seconds, first, last) in results.items():
            net = seconds - noop
            # A screen switch paints the old screen first; its cost is to the last repaint.
            paint = last if name.startswith(("switch", "back")) else first
            verdict = "" if name.startswith("no-op") else ("OK" if paint <= 0.1 else "OVER 100 ms")
            print(f"{name:<26} raw {seconds * 1000:6.1f} ms  x{seconds / noop:4.2f}  net {net * 1000:6.1f} ms  "
                  f"paint {first * 1000:6.1f} / {last * 1000:6.1f} ms  {verdict}")


if __name__ == "__main__":
    main()
