"""The one error type shown to the user as-is (its message is Chinese)."""


class UserError(Exception):
    """Something the clerk can act on; ``str()`` is a complete Chinese sentence."""
