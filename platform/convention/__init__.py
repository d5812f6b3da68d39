"""The 2007 Hague Child Support Convention and Regulation (EC) No 4/2009 as plain Python.

Modules: ``vocabulary`` (enumerations), ``states`` (Contracting States reference data and the
governing instrument), ``validation`` (checks before a case leaves), ``workflow`` (case states
and transitions), ``deadlines`` (the Convention's clocks). Nothing here touches the database or
another project app; ``tests/convention/test_isolation.py`` enforces it.
"""
