"""README stays honest: every command and every setting is documented."""

from conftest import ROOT

from indexer.cli import app
from indexer.model.settings import Settings

README = (ROOT / "README.md").read_text()


def test_readme_opens_with_the_two_commands():
    block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split()[0:2] for line in block.strip().splitlines()] == [["make", "demo"], ["make", "test"]]


def test_every_command_is_documented():
    import typer.main

    command = typer.main.get_command(app)
    for name in command.commands:
        assert f"`agora {name}" in README, f"agora {name} is not in README.md"


def test_every_setting_is_documented():
    for name, env, _default, _help in Settings.table():
        assert f"`{name}`" in README, f"setting {name} ({env}) is not in README.md"
