"""The test harness shared by every test file: the kiosk window fixture and the leak check.

tests/conftest.py makes their fixtures available to every test.
"""
