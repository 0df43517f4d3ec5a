"""Writing files so that a reader never sees half of one (regimelab/files.py)."""

import os

import pytest

from regimelab.files import write_atomically


def test_a_text_file_is_written_and_replaces_the_old_one(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("old")
    write_atomically(path, lambda handle: handle.write("a,b\n1,2\n"))
    assert path.read_text(encoding="utf-8") == "a,b\n1,2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left


def test_a_binary_suffix_gets_a_binary_handle(tmp_path):
    path = tmp_path / "picture.PNG"
    write_atomically(path, lambda handle: handle.write(b"\x89PNG"))
    assert path.read_bytes() == b"\x89PNG"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path):
    path = tmp_path / "out.json"
    path.write_text("precious")

    def fail(handle):
        handle.write("half of it")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_atomically(path, fail)
    assert path.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_the_file_gets_the_usual_mode_not_mkstemps(tmp_path):
    mask = os.umask(0o022)
    try:
        write_atomically(tmp_path / "out.json", lambda handle: handle.write("{}"))
    finally:
        os.umask(mask)
    assert (tmp_path / "out.json").stat().st_mode & 0o777 == 0o644
