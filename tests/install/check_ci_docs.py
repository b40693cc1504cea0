#!/usr/bin/env python3
"""Runs the tracksim commands of docs/ci.md's GitHub Actions and GitLab CI examples, one process
per shard as the CI would, and checks that the shards' JUnit files together hold every scenario
of the suite exactly once and that every shard passed.

Usage: check_ci_docs.py TRACKSIM REPO_ROOT
"""
import collections
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import yaml


def fail(msg):
    print("check_ci_docs: " + msg, file=sys.stderr)
    sys.exit(1)


def yaml_blocks(text):
    return [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", text, re.S)]


def tracksim_lines(lines):
    return [l for l in lines if isinstance(l, str) and l.startswith("tracksim ")]


def cases(junit_path):
    root = ET.parse(junit_path).getroot()
    return [(c.get("classname"), c.get("name")) for c in root.iter("testcase")]


def run_shards(name, commands_per_shard, tracksim, repo, junit_of):
    seen = collections.Counter()
    for shard, (commands, env) in commands_per_shard.items():
        with tempfile.TemporaryDirectory() as work:
            os.symlink(os.path.join(repo, "scenarios"), os.path.join(work, "scenarios"))
            for cmd in commands:
                argv = cmd.split()
                argv[0] = tracksim
                full_env = {**os.environ, **env}
                # As the CI's shell would: $NAME from the job's environment.
                argv = [re.sub(r"\$(\w+)", lambda m: full_env.get(m.group(1), m.group(0)), a)
                        for a in argv]
                r = subprocess.run(argv, cwd=work, env=full_env,
                                   capture_output=True, text=True, timeout=600)
                if r.returncode != 0:
                    fail(f"{name} shard {shard}: '{cmd}' exited {r.returncode}: "
                         f"{(r.stderr or r.stdout)[-2000:]}")
            seen.update(cases(os.path.join(work, junit_of(shard))))
    return seen


def main():
    tracksim, repo = sys.argv[1], sys.argv[2]
    blocks = yaml_blocks(open(os.path.join(repo, "docs", "ci.md"), encoding="utf-8").read())
    github = next(b for b in blocks if isinstance(b, dict) and "jobs" in b)
    gitlab = next(b for b in blocks if isinstance(b, dict) and "scenarios" in b)

    with tempfile.TemporaryDirectory() as work:
        os.symlink(os.path.join(repo, "scenarios"), os.path.join(work, "scenarios"))
        whole = os.path.join(work, "whole.xml")
        subprocess.run([tracksim, "judge", "scenarios/", "--junit", whole, "--no-color"],
                       cwd=work, check=True, capture_output=True)
        expected = collections.Counter(cases(whole))
    if not expected:
        fail("the unsharded suite has no test cases")

    job = github["jobs"]["scenarios"]
    shards = job["strategy"]["matrix"]["shard"]
    lines = tracksim_lines([s.get("run") for s in job["steps"]])
    if not lines:
        fail("no tracksim command in the GitHub Actions example")
    per_shard = {k: ([l.replace("${{ matrix.shard }}", str(k)) for l in lines], {})
                 for k in shards}
    got = run_shards("GitHub Actions", per_shard, tracksim, repo, lambda k: f"junit-{k}.xml")
    if got != expected:
        fail(f"GitHub Actions shards cover {sorted((got - expected).items())[:3]} extra and "
             f"{sorted((expected - got).items())[:3]} missing")

    job = gitlab["scenarios"]
    total = job["parallel"]
    lines = tracksim_lines(job["script"])
    if not lines:
        fail("no tracksim command in the GitLab CI example")
    per_shard = {k: (lines, {"CI_NODE_INDEX": str(k), "CI_NODE_TOTAL": str(total)})
                 for k in range(1, total + 1)}
    got = run_shards("GitLab CI", per_shard, tracksim, repo, lambda k: "junit.xml")
    if got != expected:
        fail(f"GitLab CI shards cover {sorted((got - expected).items())[:3]} extra and "
             f"{sorted((expected - got).items())[:3]} missing")
    print(f"check_ci_docs: both examples ran their shards; {sum(expected.values())} scenarios, "
          "each exactly once")


if __name__ == "__main__":
    main()
