"""What pyproject.toml cannot declare: the data folders ship inside the installed package.

``templates/`` and ``resources/`` stay at the top of the source tree (the layout the
project asks for); a wheel carries them as ``report/_templates`` and
``report/_resources``, where ``report/resources.py`` finds them.  Generator
scripts live in ``scripts/`` and are not shipped.
"""

from setuptools import find_packages, setup

DATA_DIRS = {"report._templates": "templates", "report._resources": "resources"}

setup(
    packages=find_packages(include=["report", "report.*", "gui", "gui.*"]) + list(DATA_DIRS),
    package_dir=DATA_DIRS,
    package_data={
        "report._templates": ["*.docx", "README.md"],
        "report._resources": ["samples/*.json", "fontconfig/*.conf", "icons/*.png", "icons/*.ico"],
    },
    include_package_data=False,
)
