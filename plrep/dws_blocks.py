"""Former import path of the DWS block counts, deprecated (a DeprecationWarning on import); new code imports ``plrep.weightspace``.

The module object is the one in plrep.weightspace's folder itself, so both paths share its state.
"""

import sys
import warnings

# Kept for one deprecation period (issue 25): earlier READMEs and notebooks imported this path.
warnings.warn(
    "plrep.dws_blocks is deprecated and will be removed in a later release; import the same names from plrep.weightspace",
    DeprecationWarning,
    stacklevel=2,
)

from plrep.weightspace import _blocks as _module  # noqa: E402 - after the warning

sys.modules[__name__] = _module
