#!/usr/bin/env python3
"""Moves the reviewed questions (and scenarios) of a draft into a shipped bank, keeping the bank's
layout (indent 2, UTF-8), and deletes the draft. Refuses a repeated question or scenario id.
A draft that rewrites older questions lists them in a top-level "replaces" object (new id -> old
id): the old questions are removed from the bank as the new ones go in (the store keeps their
history; a rewritten stem is a new question).
Usage: tools/content/merge.py DRAFT BANK
"""
import json
import os
import sys


def main(draft_path, bank_path):
    with open(draft_path, encoding="utf-8") as f:
        draft = json.load(f)
    with open(bank_path, encoding="utf-8") as f:
        bank = json.load(f)
    if draft.get("exam") != bank.get("exam"):
        sys.exit(f"{draft_path}: exam {draft.get('exam')} is not the bank's {bank.get('exam')}")
    replaces = draft.get("replaces", {})
    ids = {q["id"] for q in bank["questions"]}
    for new_id, old_id in replaces.items():
        if old_id not in ids:
            sys.exit(f"{draft_path}: replaces {old_id}, which is not in {bank_path}")
        if new_id not in {q["id"] for q in draft["questions"]}:
            sys.exit(f"{draft_path}: replaces names {new_id}, which is not in the draft")
    for q in draft["questions"]:
        if q["id"] in ids:
            sys.exit(f"{draft_path}: question id {q['id']} is already in {bank_path}")
    if replaces:
        gone = set(replaces.values())
        bank["questions"] = [q for q in bank["questions"] if q["id"] not in gone]
    if draft.get("scenarios"):
        sids = {s["id"] for s in bank.get("scenarios", [])}
        for s in draft["scenarios"]:
            if s["id"] in sids:
                sys.exit(f"{draft_path}: scenario id {s['id']} is already in {bank_path}")
        # scenarios go before questions, as in the format's example
        merged = {}
        for k, v in bank.items():
            if k == "questions" and "scenarios" not in bank:
                merged["scenarios"] = []
            merged[k] = v
        bank = merged
        bank["scenarios"].extend(draft["scenarios"])
    bank["questions"].extend(draft["questions"])
    with open(bank_path, "w", encoding="utf-8") as f:
        f.write(json.dumps(bank, indent=2, ensure_ascii=False) + "\n")
    os.remove(draft_path)
    print(f"merged {len(draft['questions'])} questions into {bank_path} (replacing {len(replaces)}); removed {draft_path}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
