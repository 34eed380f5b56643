"""hmcareer: an offline career explorer for medical and health services managers (SOC 11-9111)."""

__version__ = "0.2.0"
