"""Benchmark the content build on a synthetic curriculum.

Generates 1,000 modules (about ten pages each, with callouts, a table, a script and a knowledge check) and
1,000 ten-question quizzes in a temporary folder, then prints:

- the time bare markdown-it-py (js-default) takes to render the same Markdown,
- the time of a full build into a fresh SQLite database, and its ratio to the bare rendering,
- the time of a no-op rebuild (nothing changed),
- the time of a rebuild after editing one module,
- the peak memory of the process (maxrss).

Targets: full build within 2x of bare rendering, no-op rebuild under 1 s, peak memory under 500 MB.

    python benchmarks/compile_bench.py [--modules 1000] [--database-url postgresql+psycopg://…/empty_db]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from markdown_it import MarkdownIt
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.database import make_engine  # noqa: E402
from courses import build_content  # noqa: E402
from courses.store import Base  # noqa: E402

COMPETENCIES = [f"skill-{n}" for n in range(20)]
PARAGRAPH = (
    "Callers make up their minds about a call very quickly. Before you have solved anything, they have "
    "already decided whether you sound **interested**, whether they are in the right place, and whether "
    "this is going to be `hard work`. See [the guide](https://example.com/guide) for more.\n"
)


def module_text(number: int) -> str:
    competencies = ", ".join(COMPETENCIES[number % 20 : number % 20 + 2] or COMPETENCIES[:2])
    parts = [
        "---",
        f"id: module-{number}",
        f"title: Module number {number}",
        "version: Generated",
        "summary: A generated module for the benchmark.",
        "minutes: 10",
        f"competencies: [{competencies}]",
        "keywords: [benchmark, generated]",
        f"quiz: quiz-{number}",
        "---",
        "",
        "An introduction paragraph.",
        "",
    ]
    for page in range(10):
        parts += [
            f"## Page {page} of module {number}",
            "",
            PARAGRAPH,
            PARAGRAPH,
            "- first point",
            "- second point",
            "- third point",
            "",
        ]
        if page % 3 == 0:
            parts += ["::: tip A tip", "Smile before you pick up: callers hear it.", ":::", ""]
        if page % 3 == 1:
            parts += [
                "| Step | What you say |",
                "|------|--------------|",
                "| 1 | Greeting |",
                "| 2 | Name |",
                "",
            ]
        if page % 3 == 2:
            parts += [
                "::: script Example",
                "**Agent:** Good morning, you're through to Kestrel Home.",
                ":::",
                "",
            ]
        if page == 5:
            parts += [
                "::: check",
                f"### What comes first in module {number}? {{#check-{number}}}",
                "type: single",
                "- [ ] The account number",
                "- [x] The greeting",
                ":::",
                "",
            ]
    return "\n".join(parts)


QUESTION_BODIES = [
    "type: single\nhint: Think.\nfeedback: Because.\n\n"
    "- [x] Right\n  > Yes.\n- [ ] Wrong\n  > No.\n- [ ] Other\n",
    "type: multiple\npoints: 2\n\n- [x] One\n- [x] Two\n- [ ] Three\n- [ ] Four {pinned}\n",
    "type: true-false\nanswer: true\n",
    "type: fill-in\nanswers: ID&V, identity and verification\n",
    "type: numeric\nanswer: 30\ntolerance: 5\n",
    "type: matching\n\n- Prices -> Give general information\n- Balance -> Refuse\n- -> Transfer\n",
    "type: ordering\n\n1. Greeting\n2. Question\n3. Security\n",
    "type: likert\n\n- Not at all\n- A little\n- Very\n",
    "type: essay\nwords: 30..200\nrubric: Names the feeling.\n\n> **Caller:** This is the third time!\n",
    "type: single\n\n- [ ] Wrong\n- [x] Right\n",
]


def quiz_text(number: int) -> str:
    parts = [
        "---",
        f"id: quiz-{number}",
        f"title: Quiz {number}",
        f"competencies: [{COMPETENCIES[number % 20]}]",
        "shuffle_choices: true",
        "---",
        "",
    ]
    for index, body in enumerate(QUESTION_BODIES):
        parts += [f"## Question {index} of quiz {number}? {{#q-{index}}}", body]
    return "\n".join(parts)


def framework_text() -> str:
    lines = ["framework: bench", "name: Benchmark framework", "threshold: 0.75", "competencies:"]
    for competency in COMPETENCIES:
        lines += [f"  - id: {competency}", f"    name: {competency.title()}", "    description: Generated."]
    return "\n".join(lines) + "\n"


def generate(folder: Path, modules: int) -> list[str]:
    """Write the curriculum; return the Markdown bodies (without front matter) for the bare baseline."""
    (folder / "modules").mkdir(parents=True)
    (folder / "quizzes").mkdir()
    (folder / "competencies.yaml").write_text(framework_text())
    bodies: list[str] = []
    for number in range(modules):
        for path, text in (
            (folder / "modules" / f"module-{number}.md", module_text(number)),
            (folder / "quizzes" / f"quiz-{number}.md", quiz_text(number)),
        ):
            path.write_text(text)
            bodies.append(text.split("---\n", 2)[2])
    return bodies


class Timing:
    """Wall-clock and CPU seconds of one step (CPU time is steadier on a shared machine)."""

    def __init__(self, wall: float, cpu: float) -> None:
        self.wall, self.cpu = wall, cpu

    def __str__(self) -> str:
        return f"{self.wall:7.2f} s wall, {self.cpu:7.2f} s CPU"


def timed(action):  # noqa: ANN001, ANN201 - a tiny helper
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu), result


def build_once(engine, folder: Path):  # noqa: ANN001, ANN201
    with Session(engine) as session:
        report = build_content(session, folder)
        session.commit()
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=1000)
    parser.add_argument("--database-url", help="e.g. a PostgreSQL URL (default: a SQLite file in a temp dir)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "content"
        bodies = generate(folder, options.modules)
        megabytes = sum(len(b) for b in bodies) / 1e6
        md = MarkdownIt("js-default")
        bare, _ = timed(lambda: [md.render(body) for body in bodies])

        engine = make_engine(options.database_url or f"sqlite:///{Path(temp) / 'bench.sqlite3'}")
        if options.database_url:  # an empty database of its own: the benchmark drops and creates its tables
            Base.metadata.drop_all(engine)
        Base.metadata.create_all(engine)
        full, report = timed(lambda: build_once(engine, folder))
        assert report.ok, [d.format() for d in report.errors[:5]]
        noop, again = timed(lambda: build_once(engine, folder))
        assert again.ok and not again.published and not again.recompiled
        edited = folder / "modules" / "module-7.md"
        edited.write_text(edited.read_text().replace("An introduction paragraph.", "An edited introduction."))
        one, changed = timed(lambda: build_once(engine, folder))
        assert changed.published == ["module module-7 v2"], changed.published
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux

        print(
            f"curriculum:            {options.modules} modules x 10 pages, "
            f"{options.modules} quizzes x 10 questions "
            f"({megabytes:.1f} MB of Markdown)"
        )
        ratio = f"{full.wall / bare.wall:.2f}x wall, {full.cpu / bare.cpu:.2f}x CPU"
        print(f"bare markdown-it-py:   {bare}")
        print(f"full build:            {full}  ({ratio} of bare rendering; target < 2x)")
        print(f"no-op rebuild:         {noop}  (target < 1 s)")
        print(f"rebuild after 1 edit:  {one}")
        print(f"peak memory (maxrss):  {peak:7.0f} MB (target < 500 MB)")
        print(f"published:             {len(report.published)} items, {len(report.warnings)} warnings")


if __name__ == "__main__":
    main()
