#!/usr/bin/env python3
"""Checks that scenarios/schema/scenario.schema.json and `tracksim validate` agree.

Usage: check_schema.py [--tracksim BIN] [--schema FILE] [-v] PATH...

Every *.yaml / *.yml file under the PATHs (files named *.ruleset.yaml or *.order.yaml and
dot-folders are skipped, as `tracksim` does) is validated against the schema, every YAML
document on its own.
Then `tracksim validate FILE` runs, and the two verdicts must agree: schema valid <=> exit 0,
schema invalid <=> exit 2.

A file's expected verdict comes from its folders: under a folder named `invalid` it must be
rejected, anywhere else it must be accepted. Files under a folder named `schema_only` are
checked against the schema alone (for parts of the format the loader does not support yet).

YAML is read the way editors' YAML language servers read it (YAML 1.2 core schema: no
timestamps, no yes/no booleans, no octal 0123), and duplicate mapping keys are errors, as the
YAML spec says. Prints one line per disagreement and ends with "N passed, N failed".
Needs python3-yaml and python3-jsonschema (Debian 12: jsonschema 4.10 or later).
"""

import argparse
import decimal
import json
import os
import re
import subprocess
import sys

import jsonschema
import yaml

DEFAULT_SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                              "scenarios", "schema", "scenario.schema.json")


class Core12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 core-schema scalars and duplicate keys as errors."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (str, int, float, bool)) or key is None:
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping", node.start_mark,
                        f"duplicate key {key!r}", key_node.start_mark)
                seen[key] = True
        return super().construct_mapping(node, deep=deep)

    def construct_core_int(self, node):
        text = self.construct_scalar(node)
        sign = -1 if text.startswith("-") else 1
        digits = text.lstrip("+-")
        if digits.startswith("0o"):
            return sign * int(digits[2:], 8)
        if digits.startswith("0x"):
            return sign * int(digits[2:], 16)
        return sign * int(digits, 10)


Core12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
        ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
        ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
        ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
         list("-+0123456789")),
        ("tag:yaml.org,2002:float",
         r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
         r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", list("-+0123456789.")),
]:
    Core12Loader.add_implicit_resolver(tag, re.compile(pattern), first)
Core12Loader.add_constructor("tag:yaml.org,2002:int", Core12Loader.construct_core_int)


def decimal_multiple_of(validator, divisor, instance, schema):
    """multipleOf with exact decimal arithmetic: 0.29 is a multiple of 0.01 (as editors see it).

    jsonschema's float division says it is not (0.29 / 0.01 = 28.999999999999996).
    """
    if not validator.is_type(instance, "number") or isinstance(instance, bool):
        return
    try:
        ok = decimal.Decimal(repr(instance)) % decimal.Decimal(repr(divisor)) == 0
    except (decimal.InvalidOperation, ValueError):
        ok = False
    if not ok:
        yield jsonschema.ValidationError(f"{instance!r} is not a multiple of {divisor}")


def make_validator(schema_path):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    cls = jsonschema.validators.extend(jsonschema.Draft7Validator,
                                       {"multipleOf": decimal_multiple_of})
    return cls(schema)


def locate(node, path):
    """The line:column (1-based) of the YAML node at a JSON path, as near as it exists."""
    for step in path:
        if isinstance(node, yaml.MappingNode):
            found = None
            for k, v in node.value:
                if k.value == step or (isinstance(step, str) and str(k.value) == step):
                    found = v
                    break
            if found is None:
                break
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if step >= len(node.value):
                break
            node = node.value[step]
        else:
            break
    return f"{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def best_message(error):
    """The most telling message of an error (anyOf/oneOf errors say little on their own)."""
    if error.context:
        deepest = max(error.context, key=lambda e: len(e.absolute_path))
        if len(deepest.absolute_path) > len(error.absolute_path):
            return best_message(deepest)
    return error.message


def schema_problems(validator, path):
    """A list of "line:col: message" problems of a file; empty when the schema accepts it."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        return [f"cannot read: {e}"]
    problems = []
    documents = 0
    loader = Core12Loader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            data = loader.construct_document(node)
            if data is None:
                continue  # an empty document between --- separators
            documents += 1
            for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
                where = locate(node, list(error.absolute_path))
                field = "/".join(str(p) for p in error.absolute_path) or "(document)"
                problems.append(f"{where}: {field}: {best_message(error)}")
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else "?"
        problems.append(f"{where}: YAML: {getattr(e, 'problem', None) or e}")
    finally:
        loader.dispose()
    if documents == 0 and not problems:
        problems.append("no scenario in this file")
    return problems


def yaml_files(paths):
    """(file, the folder names that say what to expect of it) for every scenario file."""
    for root in paths:
        if os.path.isfile(root):
            yield root, os.path.normpath(os.path.abspath(root)).split(os.sep)[:-1]
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.endswith((".ruleset.yaml", ".ruleset.yml", ".order.yaml", ".order.yml")):
                    continue
                if name.endswith((".yaml", ".yml")):
                    path = os.path.join(folder, name)
                    yield path, os.path.normpath(os.path.relpath(folder, root)).split(os.sep)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tracksim", help="the tracksim binary (required unless every file is "
                                           "under schema_only/)")
    parser.add_argument("--schema", default=DEFAULT_SCHEMA, help="the JSON Schema")
    parser.add_argument("-v", "--verbose", action="store_true", help="print passes too")
    parser.add_argument("paths", nargs="+", help="files or folders of scenario files")
    args = parser.parse_args()

    validator = make_validator(args.schema)
    passed = failed = 0
    for path in args.paths:
        if not os.path.exists(path):
            print(f"FAIL {path}: no such file or folder")
            failed += 1
    for path, parts in yaml_files(args.paths):
        want_valid = "invalid" not in parts
        schema_only = "schema_only" in parts
        problems = schema_problems(validator, path)
        schema_valid = not problems
        schema_verdict = "valid" if schema_valid else "invalid"
        failures = []
        if schema_valid != want_valid:
            detail = "" if schema_valid else " (" + "; ".join(problems[:3]) + ")"
            failures.append(f"schema says {schema_verdict}, expected "
                            f"{'valid' if want_valid else 'invalid'}{detail}")
        loader_note = ""
        if not schema_only:
            if not args.tracksim:
                parser.error(f"--tracksim is needed to check {path}")
            run = subprocess.run([args.tracksim, "validate", path], capture_output=True,
                                 text=True, check=False)
            said = (run.stdout + run.stderr).strip().splitlines()
            first = said[0] if said else ""
            if run.returncode not in (0, 2):
                failures.append(f"tracksim validate exited {run.returncode}: {first}")
            elif (run.returncode == 0) != schema_valid:
                if schema_valid:
                    failures.append(f"DISAGREE: schema valid, tracksim validate exit 2: {first}")
                else:
                    failures.append(f"DISAGREE: schema invalid ({problems[0]}), "
                                    f"tracksim validate exit 0")
            loader_note = f", tracksim exit {run.returncode}"
        if failures:
            failed += 1
            for f in failures:
                print(f"FAIL {path}: {f}")
        else:
            passed += 1
            if args.verbose:
                why = f" ({problems[0]})" if problems else ""
                print(f"ok   {path}: schema {schema_verdict}{why}{loader_note}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
