"""The command line: root.py holds the click group and the one command table
(COMMANDS: every command and the module that defines it); entry.py is the fast path of
the bare `connecttui`.
"""
