"""Inbound data in real formats (carrier webhooks, Shopify orders), mapped onto the domain at the edge."""
