"""The handlers of the proceedings simulator, one module a stage of the case (see ``..catalogue``)."""
