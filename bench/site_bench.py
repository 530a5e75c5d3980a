"""How long the site takes to build: ownerkit next to bare Material and Material's blog plugin.

For each size it writes one synthetic kit (bench/synthetic.py) and, from the
same stories, plain MkDocs projects to compare with:

- ownerkit: the kit with the repository's mkdocs.yml (`mkdocs build`);
- bare Material: one plain page per story and a home page, no listings,
  once with MkDocs' automatic navigation (every story in the nav) and once
  with the same short navigation as ownerkit's (Home, Stories, About, Thanks,
  Contact: five tabs, each a plain page);
- blog plugin: the stories as Material blog posts (its own listings,
  archive and category pages).

All four use the same Material settings (the repository's mkdocs.yml: theme,
palettes, site_url, Markdown extensions); only the pages and plugins differ.
Each figure is the median wall time, and the median CPU time (user + system,
steadier on a shared machine), of `mkdocs build` run as a new process. It also
prints the generator's own time, in this process, as a share of the ownerkit
build: with loading and checking the kit (load_kit, the same work as
`ownerkit check`) and for the pages alone (build_pages); and the time
`mkdocs serve` takes to show one story edit on a 100-story kit (from saving
the file to the new page being served).

    .venv/bin/python bench/site_bench.py                 # 100 and 1,000, plus 5,000 for ownerkit
    .venv/bin/python bench/site_bench.py --skip-big      # without 5,000
    .venv/bin/python bench/site_bench.py --runs 1        # one run per figure
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import TODAY, make_kit  # noqa: E402
from generator.load.kit import load_kit  # noqa: E402
from generator.render.site import build_pages, read_mkdocs_config  # noqa: E402

ENV = dict(os.environ)
SHORT_NAV = ("Home", "Stories", "About", "Thanks", "Contact")  # ownerkit's navigation, as five tabs
MKDOCS = str(Path(sys.executable).parent / "mkdocs")


def kit_for(base: Path, stories: int) -> Path:
    return make_kit(base / f"kit-{stories}", stories=stories, people=200, referrals=600, seed=stories)


def write_variants(kit: Path, base: Path) -> dict[str, Path]:
    """The same stories as a bare Material site (two navs) and as blog posts."""
    shutil.copy(ROOT / "mkdocs.yml", kit / "mkdocs.yml")
    bare, short, blog = base / f"bare-{kit.name}", base / f"short-{kit.name}", base / f"blog-{kit.name}"
    checked = load_kit(kit, TODAY).kit
    for folder in (bare, short, blog):
        (folder / "docs").mkdir(parents=True, exist_ok=True)
        (folder / "docs" / "index.md").write_text("# Home\n\nStories.\n")
    for name in SHORT_NAV[1:]:
        (short / "docs" / f"{name.lower()}.md").write_text(f"# {name}\n\nA page.\n")
    # the same Material settings as ownerkit's (theme, palettes, site_url, Markdown extensions)
    same = read_mkdocs_config((ROOT / "mkdocs.yml").read_text("utf-8"))
    same["docs_dir"] = "docs"
    for folder, plugins, nav in (
        (bare, ["search"], None),
        (short, ["search"], [{"Home": "index.md"}, *({n: f"{n.lower()}.md"} for n in SHORT_NAV[1:])]),
        (blog, ["search", "blog"], None),
    ):
        config = {**same, "plugins": plugins}
        if nav:
            config["nav"] = nav
        (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    (blog / "docs" / "blog" / "posts").mkdir(parents=True)
    (blog / "docs" / "blog" / "index.md").write_text("# Blog\n")
    for story in checked.stories:
        if story.draft:
            continue
        page = f"# {story.title}\n\n{story.body}"
        (bare / "docs" / f"{story.slug}.md").write_text(page)
        (short / "docs" / f"{story.slug}.md").write_text(page)
        front = f"---\ndate: {story.date.isoformat()}\ncategories:\n  - {story.prompt}\n---\n\n"
        (blog / "docs" / "blog" / "posts" / f"{story.slug}.md").write_text(front + page)
    return {"ownerkit": kit, "bare (auto nav)": bare, "bare (short nav)": short, "blog plugin": blog}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_build(project: Path, runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of `mkdocs build` in a new process."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _children_cpu()
        subprocess.run([MKDOCS, "build", "-q"], cwd=project, env=ENV, check=True)
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu)
        shutil.rmtree(project / "site", ignore_errors=True)
    return statistics.median(walls), statistics.median(cpus)


def time_generator(kit: Path, runs: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU times, in this process, of load_kit + build_pages and of build_pages alone."""
    walls, cpus, page_walls, page_cpus = [], [], [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        loaded = load_kit(kit, TODAY).kit
        middle, middle_cpu = time.perf_counter(), time.process_time()
        build_pages(loaded, site_url="https://garside-piano.example/")
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
        page_walls.append(time.perf_counter() - middle)
        page_cpus.append(time.process_time() - middle_cpu)
    return {
        "generator": (statistics.median(walls), statistics.median(cpus)),
        "pages": (statistics.median(page_walls), statistics.median(page_cpus)),
    }


def time_serve_edit(kit: Path, edits: int = 3) -> float:
    """Seconds from saving a story to `mkdocs serve` serving the new page (median of ``edits``)."""
    story = next(p for p in sorted((kit / "stories").glob("*.md")) if "draft: true" not in p.read_text())
    checked = load_kit(kit, TODAY).kit
    page = next(s for s in checked.stories if s.source.path == f"stories/{story.name}").slug
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [MKDOCS, "serve", "-a", f"127.0.0.1:{port}"],
        cwd=kit,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/stories/{page}/"

    def wait_for(word: str, limit: float = 120) -> None:
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if word in response.read().decode():
                        return
            except OSError:
                pass
            time.sleep(0.02)
        raise SystemExit(f"mkdocs serve never showed {word!r} at {url}")

    try:
        wait_for("</html>")
        times = []
        original = story.read_text()
        for n in range(edits):
            word = f"Benchedit{n}word"
            start = time.perf_counter()
            story.write_text(original + f"\n{word}\n")
            wait_for(word)
            times.append(time.perf_counter() - start)
            time.sleep(1)
        return statistics.median(times)
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median); 5,000 runs once")
    parser.add_argument("--skip-big", action="store_true", help="leave out the 5,000-story ownerkit build")
    args = parser.parse_args(argv)
    cores = os.cpu_count()
    print(f"Site build benchmark: median wall time of `mkdocs build`, {args.runs} run(s) per figure.")
    print(f"Machine: {cores} cores, shared with other jobs: absolute figures vary; ratios are steadier.\n")
    rows: dict[int, dict[str, tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="site-bench-") as tmp:
        base = Path(tmp)
        for size in (100, 1000):
            kit = kit_for(base, size)
            projects = write_variants(kit, base)
            samples: dict[str, list[tuple[float, float]]] = {name: [] for name in projects}
            for _ in range(args.runs):  # interleaved, so that a busy moment hits every variant alike
                for name, path in projects.items():
                    samples[name].append(time_build(path, 1))
            rows[size] = {
                name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
                for name, runs in samples.items()
            }
            rows[size].update(time_generator(kit, args.runs))
        if not args.skip_big:
            kit = kit_for(base, 5000)
            shutil.copy(ROOT / "mkdocs.yml", kit / "mkdocs.yml")
            rows[5000] = {"ownerkit": time_build(kit, 1), **time_generator(kit, 1)}
        rebuild = time_serve_edit(base / "kit-100")

    names = ["ownerkit", "bare (auto nav)", "bare (short nav)", "blog plugin"]
    for index, unit in ((0, "wall time"), (1, "CPU time (user + system)")):
        print(f"{unit}:")
        print(f"{'stories':>8} " + " ".join(f"{n:>17}" for n in names) + f" {'generator share':>16} {'pages only':>11}")
        for size, row in rows.items():
            cells = " ".join(f"{row[n][index]:>16.2f}s" if n in row else f"{'-':>17}" for n in names)
            share = row["generator"][index] / row["ownerkit"][index]
            pages = row["pages"][index] / row["ownerkit"][index]
            print(f"{size:>8,} {cells} {share:>15.1%} {pages:>11.1%}")
        print()
    print("Targets (CPU time, steadier than wall time on a shared machine; wall time in brackets):")
    r = rows[1000]

    def ratio(a: str, b: str) -> str:
        return f"{r[a][1] / r[b][1]:.2f} ({r[a][0] / r[b][0]:.2f})"

    print(f"  {'ownerkit / blog plugin at 1,000':<42} {ratio('ownerkit', 'blog plugin'):>12}   target ≤ 0.5")
    print(f"  {'ownerkit / bare, short nav, at 1,000':<42} {ratio('ownerkit', 'bare (short nav)'):>12}   target ≤ 1.3")
    print(
        f"  {'ownerkit / bare, automatic nav, at 1,000':<42} {ratio('ownerkit', 'bare (auto nav)'):>12}   target ≤ 1.3"
    )
    print(f"  {'generator share at 1,000 (load + pages)':<42} {ratio('generator', 'ownerkit'):>12}   target ≤ 0.05")
    print(f"  {'generator share at 1,000 (pages only)':<42} {ratio('pages', 'ownerkit'):>12}   target ≤ 0.05")
    per_story = " / ".join(f"{rows[n]['ownerkit'][1] / n * 1000:.1f}" for n in rows)
    print(f"  {'CPU ms per story, ' + ' / '.join(f'{n:,}' for n in rows):<42} {per_story:>12}   linear if flat")
    print(f"  {'serve: one story edit, 100 stories':<42} {rebuild:>11.2f}s   target ≤ 1.5 s (wall)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
