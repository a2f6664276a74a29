# fuzz_clean.py is an atheris target, run by hand (see README.md), not a pytest module.
collect_ignore_glob = ["*.py"]
