"""`python -m connecttui` runs the same entry point as the `connecttui` script."""

from connecttui.entry import main

main()
