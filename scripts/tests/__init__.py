"""The launcher's tests, one file per module of mcpm_launcher. Run: python3 -m unittest discover -s scripts"""
