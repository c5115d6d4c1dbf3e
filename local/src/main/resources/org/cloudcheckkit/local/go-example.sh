API={{API}}
SANDBOX={{SANDBOX}}
AUTH='Authorization: Bearer {{TOKEN}}'
# field NAME...: reads a value out of the JSON on stdin
field() { python3 -c 'import json, sys
v = json.load(sys.stdin)
for k in sys.argv[1:]: v = v[int(k)] if k.isdigit() else v[k]
print(v)' "$@"; }

# 1. Create a Go request for one recipient
created=$(curl -s "$API/go/requests" -H "$AUTH" -H 'Content-Type: application/json' -d '{
  "reference": "demo-1", "emailFrom": "Demo Ltd", "replyTo": "help@example.nz", "emailSubject": "Please verify your identity",
  "recipients": [{"reference": "cust-1", "name": {"given": "Jane", "family": "Citizen"},
    "emailAddress": "jane@example.nz", "mobileNumber": "+64211234567", "dateofbirth": "1990-04-01",
    "address": {"streetnumber": "12", "streetname": "Queen Street", "city": "Auckland", "postcode": "1010"},
    "requestType": {"verification": true}}]}')
echo "$created"
ref=$(echo "$created" | field goApiReference)
token=$(echo "$created" | field recipients 0 recipientToken)

# 2. Send it
curl -s -X POST "$API/go/requests/$ref/send" -H "$AUTH" -H 'Content-Type: application/json' -d '{"test": false}'; echo

# 3. Play the recipient: the sandbox completes the verification and calls the API back
curl -s -X POST "$SANDBOX/_sandbox/go/recipients/$token/complete" -d '{"outcome": "PASS"}' > /dev/null

# 4. Within a few seconds the PDF is archived in S3: fetch its download link, then the PDF
for attempt in $(seq 20); do link=$(curl -sf "$API/go/recipients/$token/pdf" -H "$AUTH") && break; sleep 1; done
echo "$link"
curl -s "$(echo "$link" | field url)" -o result.pdf && echo "saved result.pdf ($(wc -c < result.pdf) bytes)"
