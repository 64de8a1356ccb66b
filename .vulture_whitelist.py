# Names vulture cannot see used (`vulture src/peermap .vulture_whitelist.py`, run by .ci/run):
# Typer finds commands and callbacks by decorator, Click and Rich call the methods they
# define, some names are looked up by string, and some are read only by tests or docs/.
# The file is never imported; each line just mentions a name.

# Typer commands, registered by decorator.
discover_git  # app/discover.py
group_add, group_list, group_show, group_edit, group_remove, group_brief  # app/groups.py
conflicts_take, key_show, key_add  # app/sync.py

# Methods the libraries call: Click's usage line, Rich's closed-pipe hook.
_.format_usage  # app/help.py, app/root.py
_.on_broken_pipe  # render/console.py

# Attributes set for a library to read.
_.__signature__  # app/fields.py: the signature Typer reads
_.__annotations__  # app/fields.py
_.type_param  # formats/exporters/to_vcard.py: vobject writes it as TYPE=WORK

# Looked up by name (formats/readers.py's table of readers).
_read_csv, _read_json, _parse_csv_row, _parse_json_row  # formats/importer.py
read_file, parse_row  # formats/vcard.py

# Record fields and tables read by tests or by the docs generators.
_.contacts  # core/state.py PeerState: log entries by today
PEER_RECORDS  # core/model.py: docs/fields_table.py
KEYS  # core/principles.py: the principle keys, checked by the tests
TYPES  # core/reminders.py: the reminder types, tests/gen_docs.py
USAGE  # core/errors.py: the exit-code table stays whole (2 is a usage error, set by Click)

# In files being rewritten: left for that change to settle.
version  # app/root.py: the --version option, handled by its eager callback
