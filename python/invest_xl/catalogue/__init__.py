"""The national catalogue of 87 municipal investment cases as data, and peer statistics."""

from invest_xl.catalogue.build import build_catalogue, load_catalogue
from invest_xl.catalogue.categories import CATEGORIES
from invest_xl.catalogue.peers import INDICATORS, group_statistics, peer_position, peer_value

__all__ = ["build_catalogue", "load_catalogue", "CATEGORIES", "INDICATORS", "group_statistics",
           "peer_position", "peer_value"]
