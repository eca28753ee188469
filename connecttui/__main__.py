"""`python -m connecttui` runs the same entry point as the `connecttui` script."""

from connecttui.cli.entry import main

main()
