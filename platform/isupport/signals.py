"""Signals between layers: sent by a lower layer to notify the apps built on it, which it may not
import (docs/architecture.md, "Layers"). Never used to chain the steps of a case's workflow."""

from django.dispatch import Signal

# Sent by ``tenants.services.state_offboard`` inside the offboarding's transaction, with the
# connection on the State's schema (sender: the State). Each receiver closes, in that schema,
# whatever can still act for the State: accounts and their sessions (``accounts``), API
# clients (``api``). A receiver that raises rolls the whole offboarding back.
state_offboarding = Signal()
