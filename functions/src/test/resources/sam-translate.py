"""Prints template.yaml as the CloudFormation template SAM deploys: aws-sam-translator's transform, as `sam deploy` runs
it. CodeUri becomes the S3 location `sam package` uploads to; the template is read with cfn-lint's YAML reader, which
knows the short forms (!Ref, !Sub...). Usage: python3 sam-translate.py template.yaml"""
import json
import os
import sys

from cfnlint.decode import decode_str
from samtranslator.translator.transform import transform


class NoManagedPolicies:
    """The template names no managed policy; SAM adds the basic execution role's by ARN."""

    def load(self):
        return {}


os.environ.setdefault("AWS_DEFAULT_REGION", "ap-southeast-2")
with open(sys.argv[1], encoding="utf-8") as file:
    template, problems = decode_str(file.read())
if problems:
    sys.exit("template.yaml cannot be read: %s" % problems)
template.get("Globals", {}).get("Function", {}).pop("CodeUri", None)
for resource in template["Resources"].values():
    if resource["Type"] == "AWS::Serverless::Function":
        resource["Properties"]["CodeUri"] = "s3://sam-artifacts/functions.zip"
print(json.dumps(transform(template, {}, NoManagedPolicies()), default=str))
