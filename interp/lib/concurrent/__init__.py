"""The concurrent package (twinpy): see concurrent.futures."""

