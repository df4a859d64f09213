#!/usr/bin/env python3
"""Runs the commands shown in the project's Markdown files and checks what they print (after Rust's doctests
and Python's doctest).

A fenced block is marked in its info string, after the language:
    ```console run            run every command; fail on a non-zero exit or on output whose shape changed
    ```console run serve      the same, with `./neuroracle serve` in the block started in the background
    ```console skip="why"     not run; the reason is printed (hardware, long runs)
A shell block (console, sh, bash, shell or no language) that is neither run nor skip is an error, so no
command can be shown without being either checked or explained.

Inside a block, lines starting with `$ ` are commands and the lines after one are its expected output; a block
without `$ ` lines is a script run as a whole (stopping at its first failing command), output not checked. A command ending in `# exit N` must exit
with N. Lines of `...` match any number of output lines and `...` inside a line matches any text. "Shape" means
numbers and hex strings may change (timings, addresses, digests differ between runs), their places and the
text around them may not; a comment after two spaces and `#` in an expected line is the reader's, not output.

Commands run from the repository root (`cd` inside a block moves the rest of that block) and must not leave
files git would track. Usage: scripts/doctest.py [FILE.md ...]   (default: README.md, */README.md, */*.md)
       scripts/doctest.py --refresh FILE.md:LINE   rewrite one transcript block's expected output from a real run
       scripts/doctest.py --self-test              check the runner against its own example blocks
       scripts/doctest.py --help                   this text
"""
import glob
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

SHELL_LANGS = {"", "console", "sh", "bash", "shell"}
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMAND_TIMEOUT_S = int(os.environ.get("DOCTEST_COMMAND_TIMEOUT_S", "900"))
SERVE_PORT = 8080


class Block:
    def __init__(self, path, line, lang, marks, skip, lines):
        self.path, self.line, self.lang, self.marks, self.skip, self.lines = path, line, lang, marks, skip, lines

    def where(self):
        return f"{os.path.relpath(self.path, ROOT)}:{self.line}"


def parse_blocks(path):
    blocks, fence, start, info, body = [], None, 0, "", []
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            stripped = raw.strip()
            if fence is None:
                m = re.match(r"^(\s*)(```+)(.*)$", raw.rstrip("\n"))
                if m:
                    fence, start, info, body, indent = m.group(2), n, m.group(3).strip(), [], len(m.group(1))
                continue
            if stripped == fence:
                blocks.append(make_block(path, start, info, body))
                fence = None
            else:
                body.append(raw.rstrip("\n")[indent:] if raw[:indent].strip() == "" else raw.rstrip("\n"))
    return blocks


def make_block(path, line, info, body):
    skip = None
    m = re.search(r'skip="([^"]*)"', info)
    if m:
        skip, info = m.group(1), info[:m.start()] + info[m.end():]
    words = info.split()
    lang = words[0] if words and words[0] not in ("run", "serve") else ""
    marks = set(words[1:] if lang else words)
    return Block(path, line, lang, marks, skip, body)


def commands_of(block):
    """[(command, expected output lines or None)] from a transcript or a plain command list."""
    lines, out = block.lines, []
    if any(l.startswith("$ ") for l in lines):
        i = 0
        while i < len(lines):
            if not lines[i].startswith("$ "):
                i += 1
                continue
            cmd = lines[i][2:]
            while cmd.endswith("\\") and i + 1 < len(lines):
                i += 1
                cmd = cmd[:-1] + " " + lines[i].strip()
            i += 1
            expected = []
            while i < len(lines) and not lines[i].startswith("$ "):
                expected.append(lines[i])
                i += 1
            while expected and expected[-1].strip() == "":
                expected.pop()
            out.append((cmd, expected))
    else:
        # A plain list runs as one script that stops at the first failing command (loops may span lines).
        out.append(("set -e\n" + "\n".join(lines), None))
    return out


NUMBER = re.compile(r"0x[0-9a-fA-F]*|\b[0-9a-f]{8,}\b|[-+]?\d[\d,]*(\.\d+)?([eE][-+]?\d+)?")


def shape(line):
    return re.sub(r"\s+", " ", NUMBER.sub("N", line)).strip()


def expected_shape(line):
    return shape(re.sub(r"\s{2,}#.*$", "", line))


def line_matches(pattern, actual):
    parts = [re.escape(p) for p in pattern.split("...")]
    return re.fullmatch(".*".join(parts), actual) is not None


def output_matches(expected, actual):
    exp = [expected_shape(l) for l in expected]
    act = [shape(l) for l in actual]

    def match(i, j):
        if i == len(exp):
            return j == len(act)
        if exp[i] == "...":
            return any(match(i + 1, k) for k in range(j, len(act) + 1))
        return j < len(act) and line_matches(exp[i], act[j]) and match(i + 1, j + 1)

    return match(0, 0)


def wait_for_health(proc, log_path, timeout_s=300):
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{SERVE_PORT}/health", timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.5)
    return False


def start_server(cmd, servers):
    """Starts `cmd` (a `./neuroracle serve` line) in the background and waits for /health; None or a problem."""
    log = os.path.join(ROOT, "target", "doctest-serve.log")
    os.makedirs(os.path.dirname(log), exist_ok=True)
    f = open(log, "w")
    # From a fresh folder holding only a link to the launcher, so the service starts as it does for a
    # newcomer (a new keystore and an empty journal under ./data) and leaves nothing in the checkout.
    fresh = tempfile.mkdtemp(prefix="doctest-serve-")
    os.symlink(os.path.join(ROOT, "neuroracle"), os.path.join(fresh, "neuroracle"))
    proc = subprocess.Popen(["bash", "-c", cmd], cwd=fresh, stdout=f, stderr=subprocess.STDOUT, start_new_session=True)
    servers.append(proc)
    if not wait_for_health(proc, log):
        return f"{cmd!r}: the service did not answer /health (log: target/doctest-serve.log)"
    return None


def run_block(block, servers, actual_out=None):
    """Runs a block; returns None or what went wrong. actual_out, when given, collects each command's output."""
    cwd = ROOT
    commands = commands_of(block)
    if "serve" in block.marks and not any(c.startswith("./neuroracle serve") for c, _ in commands):
        problem = start_server("./neuroracle serve", servers)
        if problem:
            return problem
    for cmd, expected in commands:
        want_rc = 0
        m = re.search(r"#\s*exit (\d+)\s*$", cmd)
        if m:
            want_rc = int(m.group(1))
        words = shlex.split(cmd, comments=True) or [""]
        if words[0] == "cd":
            cwd = os.path.normpath(os.path.join(cwd, words[1] if len(words) > 1 else ROOT))
            continue
        if "serve" in block.marks and words[:2] == ["./neuroracle", "serve"]:
            problem = start_server(cmd, servers)
            if problem:
                return problem
            log = os.path.join(ROOT, "target", "doctest-serve.log")
            actual = [l for l in open(log, encoding="utf-8").read().splitlines() if l.startswith("neuroracle: serving") or l.startswith("neuroracle: node")]
            if actual_out is not None:
                actual_out.append((cmd, actual))
                continue
            if expected and not output_matches([l for l in expected if l.startswith("neuroracle: serving") or l.startswith("neuroracle: node")], actual):
                return f"{cmd!r}: startup lines changed shape:\n  " + "\n  ".join(actual)
            continue
        try:
            r = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], cwd=cwd, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return f"{cmd!r}: still running after {COMMAND_TIMEOUT_S} s"
        actual = (r.stdout + r.stderr).splitlines()
        if actual_out is not None:  # refreshing: record every command's output, judge nothing
            actual_out.append((cmd, actual))
            continue
        if r.returncode != want_rc:
            tail = "\n  ".join(actual[-15:])
            return f"{cmd!r}: exit {r.returncode}, expected {want_rc}\n  {tail}"
        if expected and not output_matches(expected, actual):
            got = "\n  ".join(actual[:40])
            want = "\n  ".join(expected)
            return f"{cmd!r}: output changed shape.\n expected:\n  {want}\n got:\n  {got}"
    return None


def untracked():
    r = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT, capture_output=True, text=True)
    return set(r.stdout.splitlines())


def self_test():
    """The runner must be able to fail: check its verdicts on a fixture whose blocks say what they expect."""
    path = os.path.join(ROOT, "scripts", "doctest-fixtures", "selftest.md")
    text = open(path, encoding="utf-8").read().splitlines()
    wrong = 0
    for b in parse_blocks(path):
        want = re.search(r"expect: (\w+)", text[b.line - 2]).group(1)
        if b.skip is not None:
            got = "skip"
        elif "run" not in b.marks:
            got = "fail"
        else:
            got = "fail" if run_block(b, []) else "ok"
        if got != want:
            wrong += 1
            print(f"doctest self-test: {b.where()} expected {want}, runner said {got}")
    print(f"doctest self-test: {'FAIL' if wrong else 'ok'}")
    return 1 if wrong else 0


def refresh(path, line):
    """Rewrites the expected output of the transcript block at path:line from a real run (long lines cut at 200
    characters with `...`), for a person to read over before committing."""
    path = os.path.abspath(path)
    block = next(b for b in parse_blocks(path) if b.line == line)
    servers, got = [], []
    try:
        problem = run_block(block, servers, got)
    finally:
        for s in servers:
            os.killpg(s.pid, signal.SIGTERM)
    outputs = dict(got)
    body = []
    for cmd, _ in commands_of(block):
        body.append("$ " + cmd)
        out = outputs.get(cmd, [])
        for l in out:
            body.append(l if len(l) <= 240 else l[:200] + "...")
        if out:
            body.append("")
    while body and body[-1] == "":
        body.pop()
    lines = open(path, encoding="utf-8").read().split("\n")
    end = line + len(block.lines)
    indent = lines[line - 1][:len(lines[line - 1]) - len(lines[line - 1].lstrip())]
    lines[line:end] = [indent + b if b else b for b in body]
    open(path, "w", encoding="utf-8").write("\n".join(lines))
    print(f"doctest: refreshed {os.path.relpath(path, ROOT)}:{line}" + (f" (still failing: {problem})" if problem else ""))
    return 0


def main(argv):
    if any(a in ("-h", "--help") for a in argv):
        print(__doc__.strip())
        return 0
    unknown = [a for a in argv if a.startswith("-") and a not in ("--self-test", "--refresh")]
    if unknown:
        print(f"doctest: unknown option {unknown[0]} (see scripts/doctest.py --help)", file=sys.stderr)
        return 2
    missing = [a for a in argv if not a.startswith("-") and ":" not in a and not os.path.isfile(a)]
    if missing:
        print(f"doctest: no such file: {missing[0]}", file=sys.stderr)
        return 2
    if argv == ["--self-test"]:
        return self_test()
    if len(argv) == 2 and argv[0] == "--refresh":
        path, line = argv[1].rsplit(":", 1)
        return refresh(path, int(line))
    files = argv or sorted(set(glob.glob(os.path.join(ROOT, "README.md")) + glob.glob(os.path.join(ROOT, "*", "README.md"))
                               + glob.glob(os.path.join(ROOT, "*", "*.md"))))
    passed = failed = skipped = 0
    servers = []
    # Build the distribution first, so no block's output carries the launcher's build progress.
    subprocess.run(["./neuroracle", "--version"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    before = untracked()
    try:
        for path in files:
            for b in parse_blocks(os.path.abspath(path)):
                if b.lang not in SHELL_LANGS:
                    continue
                if b.skip is not None:
                    skipped += 1
                    print(f"doctest: {b.where()} skipped: {b.skip}", flush=True)
                    continue
                if "run" not in b.marks:
                    failed += 1
                    print(f"doctest: {b.where()} FAIL: a shell block must be marked run or skip=\"why\"", flush=True)
                    continue
                t0 = time.time()
                problem = run_block(b, servers)
                for s in servers:
                    os.killpg(s.pid, signal.SIGTERM)
                    s.wait()
                servers.clear()
                if problem:
                    failed += 1
                    print(f"doctest: {b.where()} FAIL: {problem}", flush=True)
                else:
                    passed += 1
                    print(f"doctest: {b.where()} ok ({time.time() - t0:.1f} s)", flush=True)
    finally:
        for s in servers:
            os.killpg(s.pid, signal.SIGTERM)
    left = untracked() - before
    if left:
        failed += 1
        print("doctest: FAIL: the documented commands left files git would track: " + ", ".join(sorted(left)))
    print(f"doctest: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
