"""The package's public surface."""

def test_the_package_surface_is_small_and_every_entry_point_resolves():
    import asylum_teach

    for name in asylum_teach.__all__:
        assert getattr(asylum_teach, name) is not None
    assert callable(asylum_teach.screen_eligibility) and callable(asylum_teach.compute_timeline)
