"""How long ``ownerkit import`` takes on a 5,000-contact vCard file (target: 3 s).

Writes a vCard file of 5,000 contacts in the Apple, Google, Outlook and 4.0
flavours (a tenth of them duplicates of others, some names in other scripts,
some birthdays without a year) into a new kit, then runs the real
``ownerkit import`` command in a new process (start-up counts), three times on
fresh kits, and prints the median. A fourth run imports the same file again
and checks that nothing changed.

    .venv/bin/python bench/import_bench.py
    .venv/bin/python bench/import_bench.py --contacts 20000
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 3.0
GIVEN = ("Ana", "Tom", "Siobhán", "Ирина", "Chiamaka", "Yuki", "Γιώργος", "Lærke", "Kwame", "Aoife", "José", "Imran")
FAMILY = ("Ferreira", "Hale", "Brennan", "Ivanova", "Okafor", "Nakamura", "Papadopoulos", "Sørensen", "Mensah")


def card(number: int) -> str:
    """One contact; every tenth repeats an earlier one's email (a duplicate the import must skip)."""
    same = number - 7 if number % 10 == 9 else number
    given, family = GIVEN[number % len(GIVEN)], f"{FAMILY[number % len(FAMILY)]}{number:05d}"
    lines = ["BEGIN:VCARD"]
    flavour = number % 4
    if flavour == 3:
        lines += ["VERSION:4.0", f"N:{family};{given};;;", f"FN:{given} {family}", f"BDAY:--{number % 12 + 1:02d}15"]
    elif number % 50 == 0:
        lines += ["VERSION:3.0", f"N:李;{number:05d}小龍;;;", f"FN:李{number:05d}小龍"]
    else:
        lines += ["VERSION:3.0", f"N:{family};{given};;;", f"FN:{given} {family}"]
    lines.append(f"EMAIL;TYPE=INTERNET:person{same:05d}@example.com")
    if flavour == 0:
        lines += [
            f"BDAY;X-APPLE-OMIT-YEAR=1604:1604-{number % 12 + 1:02d}-{number % 28 + 1:02d}",
            f"item1.ADR;type=HOME;type=pref:;;{number} Otley Road;Leeds;;LS6 3AA;United Kingdom",
        ]
    elif flavour == 1:
        lines += [f"TEL;TYPE=CELL:+44 7700 9{number:05d}", f"BDAY:--{number % 12 + 1:02d}-{number % 28 + 1:02d}"]
    elif flavour == 2:
        lines += [f"BDAY:19{number % 90 + 10:02d}0{number % 9 + 1}1{number % 9}", "X-MS-OL-DEFAULT-POSTAL-ADDRESS:1"]
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def ownerkit() -> list[str]:
    script = Path(sys.executable).parent / "ownerkit"
    return [str(script)] if script.exists() else [sys.executable, "-m", "generator.cli"]


def run(kit: Path, *args: str) -> tuple[float, str]:
    env = {**os.environ, "OWNERKIT_TODAY": "2026-12-05"}
    start = time.perf_counter()
    done = subprocess.run([*ownerkit(), "--kit", str(kit), *args], capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"ownerkit {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return elapsed, done.stdout


def fresh_kit(folder: Path) -> Path:
    kit = folder / "kit"
    run(folder, "init", str(kit), "--given", "Ana", "--family", "Ferreira", "--business", "Ferreira Bakes")
    return kit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ownerkit-import-") as tmp:
        vcf = Path(tmp) / "contacts.vcf"
        vcf.write_text("".join(card(n) for n in range(args.contacts)), encoding="utf-8", newline="")
        times, summary = [], ""
        for attempt in range(args.runs):
            kit = fresh_kit(Path(tmp) / str(attempt))
            elapsed, output = run(kit, "import", str(vcf))
            times.append(elapsed)
            summary = output.strip().splitlines()[-1]
        people = kit / "referrals" / "people.yml"
        before = hashlib.sha256(people.read_bytes()).hexdigest()
        again, output = run(kit, "import", str(vcf))
        unchanged = hashlib.sha256(people.read_bytes()).hexdigest() == before
    median = statistics.median(times)
    verdict = "ok" if median <= TARGET_SECONDS else "OVER TARGET"
    figure = f"{median:.2f} s median of {args.runs} (target {TARGET_SECONDS} s)"
    print(f"import of {args.contacts:,} contacts: {figure}: {verdict}")
    print(f"  {summary}")
    print(f"  again on the same kit: {again:.2f} s, {output.strip().splitlines()[-1]}")
    print(f"  people.yml unchanged by the second import: {unchanged}")


if __name__ == "__main__":
    main()
