"""Browser tests: the widgets of the lessons, driven in JupyterLab by Playwright and Chromium."""
