"""Regenerate the README's pasted outputs: run each `$ regimelab ...` block and paste what it prints.

Run from the repository: .venv/bin/python docs/update_readme.py
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

path = Path(__file__).resolve().parents[1] / "README.md"
regimelab = str(Path(sys.executable).parent / "regimelab")
workdir = tempfile.mkdtemp(prefix="readme-")
text = open(path).read()
out = []
pos = 0
pattern = re.compile(r"```text\n(\$ regimelab .*?)```", re.S)
for m in pattern.finditer(text):
    block = m.group(1)
    lines = block.split("\n")
    cmd_lines = []
    i = 0
    while True:
        cmd_lines.append(lines[i])
        if not lines[i].endswith("\\"):
            break
        i += 1
    command = " ".join(line.rstrip("\\").strip() for line in cmd_lines)[2:]
    trimmed = block.rstrip().endswith("...")
    args = shlex.split(command)[1:]
    if os.path.exists(os.path.join(workdir, "sweep.parquet")):
        os.remove(os.path.join(workdir, "sweep.parquet"))
    result = subprocess.run([regimelab, *args], capture_output=True, text=True, cwd=workdir)
    assert result.returncode == 0, (command, result.stderr)
    output = result.stdout.rstrip()
    if trimmed:
        keep = len(block.rstrip().split("\n")) - len(cmd_lines) - 1
        output = "\n".join(output.split("\n")[:keep]) + "\n..."
    new_block = "\n".join(cmd_lines) + "\n" + output + "\n"
    out.append(text[pos:m.start(1)] + new_block)
    pos = m.end(1)
out.append(text[pos:])
open(path, "w").write("".join(out))
print("regenerated")
