"""EnergoDesk: the desk application for walk-in service centres of an electricity retailer."""

__version__ = "0.1.0"
