import os

# Qt aborts the process without a platform; tests never need a real screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
