"""Delivery-time prediction learned from a shop's own shipment history.

A shop's past deliveries (see `history.HISTORY_COLUMNS`) train quantile models that answer "when will
it arrive?" with a most-likely time and an 80% window, using only what was known at the question's
`as_of` moment. `model.EtaModel` is the entry point; `history` reads and writes the CSV contract.
"""

from wismo.eta.model import EtaModel, EtaPrediction

__all__ = ["EtaModel", "EtaPrediction"]
