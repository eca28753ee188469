"""vCard in and out: `read_cards` (a .vcf file or a folder of them, 2.1 to 4.0), `card_text`
(one contact as a vCard) and `export_vcards` (everyone). See vcard_read and vcard_write."""

from __future__ import annotations

from connecttui.interop.vcard_fields import read_date
from connecttui.interop.vcard_read import read_bytes, read_cards
from connecttui.interop.vcard_write import VERSIONS, card_text, export_vcards

__all__ = ["VERSIONS", "card_text", "export_vcards", "read_bytes", "read_cards", "read_date"]
