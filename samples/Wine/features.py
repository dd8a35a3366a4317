"""Stage "Features" of samples/Wine: any program can be a stage; this one is Python (standard library only).

For each prepared file in $REPROBUILD_INPUTS (data/prepared/train.csv, test.csv) it writes <name>.features.csv
to the matching path in $REPROBUILD_OUTPUTS, with two derived columns before the label:
  flavanoid_share  flavanoids / total_phenols: how much of the phenols are flavanoids
  log_proline      ln(proline): proline spans 278 to 1680, the log evens the scale
Values are rounded to 6 decimals, so that the bytes do not depend on the last bit of the platform's log().
"""
import csv
import math
import os
import sys


def derive(row):
    return [
        f"{float(row['flavanoids']) / float(row['total_phenols']):.6f}",
        f"{math.log(float(row['proline'])):.6f}",
    ]


def main():
    inputs = os.environ["REPROBUILD_INPUTS"].split(os.pathsep)
    outputs = {os.path.basename(path): path for path in os.environ["REPROBUILD_OUTPUTS"].split(os.pathsep)}
    for source in inputs:
        stem = os.path.splitext(os.path.basename(source))[0]
        target = outputs.get(f"{stem}.features.csv")
        if target is None:
            sys.exit(f"features.py: no output '{stem}.features.csv' declared for input '{source}'")
        with open(source, newline="", encoding="utf-8") as reader:
            rows = csv.DictReader(reader)
            *features, label = rows.fieldnames
            header = features + ["flavanoid_share", "log_proline", label]
            with open(target, "w", newline="", encoding="utf-8") as writer:
                out = csv.writer(writer, lineterminator="\n")
                out.writerow(header)
                for row in rows:
                    out.writerow([row[name] for name in features] + derive(row) + [row[label]])
        print(f"{os.path.basename(source)} -> {os.path.basename(target)}")


if __name__ == "__main__":
    main()
