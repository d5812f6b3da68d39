"""The platform's maintenance budget, the contribution of each State, invoices and payments
(public schema). Nothing is built here yet; see the open issues."""
