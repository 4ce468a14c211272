"""Former import path of the DWS block counts, kept so existing code runs; new code imports ``plrep.weightspace``.

The module object is the one in plrep.weightspace's folder itself, so both paths share its state.
"""

import sys

from plrep.weightspace import _blocks as _module

sys.modules[__name__] = _module
