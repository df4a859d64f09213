#!/usr/bin/env python3
"""Disassemble the C2 code HotSpot printed for one method, where its hsdis plugin only dumps hex.

Debian's libhsdis0-fcml (apt-get install libhsdis0-fcml) is found by JDK 25 but prints each method's machine code as
hex words (`0x...: 8984 2400 | c0fe ff55 | ...`), not as instructions. This script takes such a log, cuts out the
newest C2 compile of the named method, rebuilds its bytes and has objdump (binutils) disassemble them, Intel syntax,
optionally with a per-mnemonic count, which is usually what a kernel question needs (how many vpmullq, broadcasts,
stack reloads per iteration).

Typical use (snn-core/MEASUREMENTS.md, "Session 14"):
  mkdir -p /tmp/hsdis && ln -sf /usr/lib/x86_64-linux-gnu/libhsdis.so.0 /tmp/hsdis/hsdis-amd64.so
  LD_LIBRARY_PATH=/tmp/hsdis java -XX:+UnlockDiagnosticVMOptions \\
      -XX:CompileCommand=print,org.neuroracle.snn.cpu.PhiloxVectorKernel::draw ... > c2.log
  scripts/cpu-ab/c2-disasm.py c2.log PhiloxVectorKernel::draw [--count]
"""
import re
import subprocess
import sys
import tempfile

HEX_LINE = re.compile(r'\s*0x([0-9a-f]+): ([0-9a-f |]+)$')


def newest_c2_block(lines, method):
    """Lines of the last 'Compiled method (c2)' block whose header names the method."""
    starts = [i for i, l in enumerate(lines) if l.startswith('Compiled method (c2)') and method in l]
    if not starts:
        sys.exit(f"c2-disasm: no 'Compiled method (c2)' block for {method} in the log "
                 "(was the method compiled by C2, and named as Class::method?)")
    start = starts[-1]
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith('Compiled method')), len(lines))
    return lines[start:end]


def machine_code(block):
    """The bytes of the block's [MachCode] hex words, and the address of the first."""
    code, base = bytearray(), None
    for line in block:
        m = HEX_LINE.match(line)
        if not m:
            continue
        addr = int(m.group(1), 16)
        if base is None:
            base = addr
        gap = addr - base - len(code)
        if gap > 0:
            code.extend(b'\x90' * gap)   # unprinted bytes (alignment): nops keep the offsets right
        elif gap < 0:
            del code[addr - base:]
        for word in m.group(2).replace('|', ' ').split():
            code.extend(bytes.fromhex(word))
    if base is None:
        sys.exit("c2-disasm: the block has no hex machine code (is a decoding hsdis loaded? then read the log itself)")
    return bytes(code), base


def main(argv):
    if len(argv) < 3 or argv[1] in ('-h', '--help'):
        print(__doc__)
        return 0 if len(argv) > 1 and argv[1] in ('-h', '--help') else 2
    log, method, count = argv[1], argv[2], '--count' in argv[3:]
    try:
        with open(log, encoding='utf-8', errors='replace') as f:
            lines = f.read().split('\n')
    except OSError as e:
        sys.exit(f"c2-disasm: {log}: {e.strerror}")
    code, base = machine_code(newest_c2_block(lines, method))
    with tempfile.NamedTemporaryFile(suffix='.bin') as tmp:
        tmp.write(code)
        tmp.flush()
        try:
            out = subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64', '-M', 'intel',
                                  f'--adjust-vma={base:#x}', tmp.name], capture_output=True, text=True, check=True).stdout
        except FileNotFoundError:
            sys.exit("c2-disasm: objdump not found (apt-get install binutils)")
    instructions = [l.split('\t')[-1].strip() for l in out.split('\n') if l.count('\t') >= 2]
    if count:
        tally = {}
        for ins in instructions:
            op = ins.split()[0] if ins else ''
            tally[op] = tally.get(op, 0) + 1
        for op, n in sorted(tally.items(), key=lambda kv: -kv[1]):
            print(f'{n:6d} {op}')
    else:
        print(out)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
