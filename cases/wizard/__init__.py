"""The outgoing application wizard: one step per part of the application, checked by the
Convention engine as the caseworker goes, ending with the forms and the transmission."""
