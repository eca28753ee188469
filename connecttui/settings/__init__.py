"""Settings in one place: the config file (config.py, file.py) and where files
live (paths.py). The core never imports this package: the faces read the settings and
pass the core what it needs.
"""
