"""Former import path of the INR fitting tools, deprecated (a DeprecationWarning on import); new code imports ``plrep.nn``.

The module object is the one in plrep.nn's folder itself, so both paths share its state.
"""

import sys
import warnings

# Kept for one deprecation period (issue 25): earlier READMEs and notebooks imported this path.
warnings.warn(
    "plrep.inr is deprecated and will be removed in a later release; import the same names from plrep.nn",
    DeprecationWarning,
    stacklevel=2,
)

from plrep.nn import _inr as _module  # noqa: E402 - after the warning

sys.modules[__name__] = _module
