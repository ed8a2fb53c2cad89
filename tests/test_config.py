from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import ConfigError, ContentRoot, default_home, resolve_home


def test_default_home_is_the_repository_root() -> None:
    root = resolve_home(None, environ={})
    assert root.home == default_home()
    assert (root.home / "kiosk" / "__init__.py").is_file()
    assert root.db_path == root.home / "data.db"


def test_option_wins_over_environment(tmp_path: Path) -> None:
    from_option = tmp_path / "option"
    from_env = tmp_path / "env"
    from_env.mkdir()
    root = resolve_home(str(from_option), environ={"KIOSK_HOME": str(from_env)})
    assert root.home == from_option
    assert resolve_home(None, environ={"KIOSK_HOME": str(from_env)}).home == from_env


def test_a_missing_folder_is_created_when_its_parent_exists(tmp_path: Path) -> None:
    root = resolve_home(str(tmp_path / "stick"), environ={})
    assert root.home.is_dir()
    root.ensure_folders()
    assert root.assets_dir.is_dir() and root.videos_dir.is_dir() and root.logs_dir.is_dir()


def test_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "not-a-folder"
    target.write_text("x")
    with pytest.raises(ConfigError, match=r"not-a-folder.*pas un dossier"):
        resolve_home(str(target), environ={})
    assert target.read_text() == "x"


def test_a_missing_parent_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="parent"):
        resolve_home(str(tmp_path / "no" / "such" / "place"), environ={})
    assert not (tmp_path / "no").exists()


def test_an_unwritable_folder_is_refused() -> None:
    # /proc/1 refuses new files even to root, unlike a chmod-ed folder.
    with pytest.raises(ConfigError, match=r"/proc/1.*écriture"):
        resolve_home("/proc/1", environ={})


def test_relative_and_absolute_paths_round_trip(tmp_path: Path) -> None:
    root = ContentRoot(tmp_path)
    inside = tmp_path / "videos" / "abc.mp4"
    inside.parent.mkdir()
    inside.write_bytes(b"")
    assert root.relative(inside) == "videos/abc.mp4"
    assert root.absolute("videos/abc.mp4") == inside
