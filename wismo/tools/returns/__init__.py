"""Returns and exchanges: the policy engine, plan-then-confirm actions, return status and ops metrics.

Policy is data (wismo/prompts/returns.yaml). Nothing changes until the customer confirms: a
`plan_return` shows what will happen and is stored for 30 minutes, bound to the conversation
that made it; only `confirm_return` from that conversation creates the return, its label and
events. An exchange creates an `ExchangeOrder` (`#WS10042-EX1`) linked to the original order,
not a new `orders` row. Exchange stock is a deterministic demo rule (see `stock.units_in_stock`).

One idea a module, dependencies pointing down the list:
  rules       the policy as data, the warehouses
  stock       products, variants and exchange stock
  returnable  eligibility of an order's lines
  plans       validating a request, the money, the proposal
  progress    the steps of a return, its status and refund date, ops metrics
  booking     confirming a plan: return, RMA, label, first event, exchange order
  demo        the tables and the demo seed
This package re-exports the names the rest of wismo uses; patch a name where it is defined.
"""

from .booking import confirm_return
from .demo import create_tables, seed_demo_returns
from .plans import ReturnPlan, plan_return
from .progress import advance_return, return_metrics, return_status
from .returnable import LineEligibility, eligibility, order_eligibility
from .rules import policy, warehouse_for
from .stock import exchange_choices, in_stock, product_of

__all__ = [
    "LineEligibility",
    "ReturnPlan",
    "advance_return",
    "confirm_return",
    "create_tables",
    "eligibility",
    "exchange_choices",
    "in_stock",
    "order_eligibility",
    "plan_return",
    "policy",
    "product_of",
    "return_metrics",
    "return_status",
    "seed_demo_returns",
    "warehouse_for",
]
