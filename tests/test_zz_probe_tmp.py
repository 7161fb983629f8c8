import time
from hypothesis import given, settings, HealthCheck, strategies as st

async def test_probe(runtime_app):
    t=time.monotonic()
    now = int(time.time()*1000)
    r = await runtime_app.client.post("/api/collect", content=b'{"site":"probe.test","events":[{"id":"a1","type":"pageview","ts":%d,"url":"https://probe.test/x"}]}' % now)
    print(r.status_code, r.text, r.headers)
    s = await runtime_app.wait_for_snapshot("probe.test", lambda s: s["totals"]["pageviews"] == 1, "pv")
    print(time.monotonic()-t, s["totals"])

@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary())
async def test_probe_h(runtime_app, body):
    r = await runtime_app.client.post("/api/collect", content=body)
    assert r.status_code < 500
