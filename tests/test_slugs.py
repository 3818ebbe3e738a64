from pathlib import Path

import pytest

from indexer.slugs import MAX_SLUG, is_valid_slug, path_in, slugify, unique_slug


@pytest.mark.parametrize("title, expected", [
    ("Meta's New AI Strategy", "meta-s-new-ai-strategy"),
    ("Écoles et caméras : débat", "ecoles-et-cameras-debat"),
    ("../../etc/passwd", "etc-passwd"),
    ("..", "article"),
    ("", "article"),
    ("日本語のタイトル", "article"),
    ("a/b\\c", "a-b-c"),
])
def test_slugify(title, expected):
    assert slugify(title) == expected


def test_long_title_is_cut_at_a_word_and_leaves_room_for_a_suffix():
    slug = slugify("word " * 300)
    assert len(slug) <= MAX_SLUG - 4 and is_valid_slug(slug)
    assert len(slugify("x" * 300)) <= MAX_SLUG


def test_unique_slug_appends_a_number():
    assert unique_slug("a", {"a", "a-2"}) == "a-3"
    assert unique_slug("b", {"a"}) == "b"


@pytest.mark.parametrize("bad", ["../x", "a/b", "", "-a", "A", "a" * 200, "a..b", ".hidden"])
def test_path_in_refuses_anything_that_could_escape(tmp_path: Path, bad):
    with pytest.raises(ValueError):
        path_in(tmp_path, bad, ".md")


def test_path_in_stays_in_folder(tmp_path: Path):
    assert path_in(tmp_path, "ok-slug", ".md").parent == tmp_path.resolve()


def test_path_in_refuses_a_link_that_leaves_the_folder(tmp_path: Path):
    inside, outside = tmp_path / "articles", tmp_path / "elsewhere"
    inside.mkdir()
    outside.mkdir()
    (outside / "secret.md").write_text("x")
    (inside / "fine.md").symlink_to(inside / "other.md")
    (inside / "leak.md").symlink_to(outside / "secret.md")
    assert path_in(inside, "fine", ".md").parent == inside.resolve()
    with pytest.raises(ValueError):
        path_in(inside, "leak", ".md")
