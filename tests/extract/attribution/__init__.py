"""Tests of ``newsledger.extract.attribution``, one file per module of the package."""
