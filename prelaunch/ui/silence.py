"""The "Don't warn about this for …" button: the line that silences those warnings for good is written into the
player's configuration file, so that nobody has to edit it by hand.

The line is `composer.quiet_line`'s, in [quiet.accounts] or [quiet.instances]: it joins the name's earlier kinds
there. `config_edit` puts it in place, keeping every other byte of the file, or leaves a file it cannot change
safely alone."""

from __future__ import annotations

from prelaunch.ui import config_edit


def _more_kinds(kinds: list[str]) -> config_edit.ValueFor:
    """The name's kinds now and these, each once."""
    def value_for(old: object) -> object:
        return list(dict.fromkeys((old if isinstance(old, list) else []) + kinds))

    return value_for


def edited(text: str, table: str, name: str, kinds: list[str]) -> str | None:
    """`text` with `name` silenced for `kinds` in [quiet.<table>], everything else as it was; None when that
    cannot be done safely (the text is not valid TOML, or no way of adding it reads back right)."""
    return config_edit.edited(text, ("quiet", table), name, _more_kinds(kinds))


def add(table: str, name: str, kinds: list[str], path: str | None = None) -> str:
    """Silence `kinds` for `name` in the configuration file; "" when done, else why not (one line)."""
    return config_edit.change(("quiet", table), name, _more_kinds(kinds), path)
