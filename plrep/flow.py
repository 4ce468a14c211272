"""Former import path of the frequency-flow tools, kept so existing code runs; new code imports ``plrep.nn``.

The module object is the one in plrep.nn's folder itself, so both paths share its state.
"""

import sys

from plrep.nn import _flow as _module

sys.modules[__name__] = _module
