import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from '../../components/QueryState';
import { notify } from '../../components/notify';
import { codeLifetimeMinutes, describeWait, requestCode, SignInRefusal, signInWithCode, type IssuedCode } from './outsider-sign-in-api';

type Props = {
  /** The package the visitor's link names: the server then says whether it is for their address. */
  accessPackageId?: string | undefined;
  /** Called once the session cookie is set; the caller reads the session again. */
  onSignedIn: () => Promise<unknown> | void;
  /** Back to the choice of how to sign in. */
  onCancel?: () => void;
};

type Sent = IssuedCode & { resendAt: number };

/**
 * Signing in for someone outside the organization, in two steps: their e-mail address (and their
 * name, for approvers) gets a code mailed; the code signs them in. Each refusal is the server's
 * message, beside the field it is about, announced as it appears; focus follows the step.
 */
export function OutsiderSignIn({ accessPackageId, onSignedIn, onCancel }: Props) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [sent, setSent] = useState<Sent | null>(null);
  const codeSent = (issued: IssuedCode) => setSent({ ...issued, resendAt: Date.now() + issued.resendAfterSeconds * 1000 });
  return sent ? (
    <CodeStep sent={sent} accessPackageId={accessPackageId} displayName={displayName} onResent={codeSent} onOtherAddress={() => setSent(null)} onSignedIn={onSignedIn} />
  ) : (
    <EmailStep email={email} displayName={displayName} accessPackageId={accessPackageId} onEmail={setEmail} onDisplayName={setDisplayName} onSent={codeSent} onCancel={onCancel} />
  );
}

/** A field's message as a live region: read out when it appears, and again when it changes. */
function Announced({ message, version }: { message: string; version: number }): ReactNode {
  return (
    <span role="alert" key={version}>
      {message}
    </span>
  );
}

/** Now, again every second while `until` is ahead (for the waits before a code may be asked for). */
function useNow(until: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === undefined || until <= Date.now()) return;
    setNow(Date.now());
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= until) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  return now;
}

type EmailStepProps = {
  email: string;
  displayName: string;
  accessPackageId: string | undefined;
  onEmail: (value: string) => void;
  onDisplayName: (value: string) => void;
  onSent: (issued: IssuedCode) => void;
  onCancel: (() => void) | undefined;
};

function EmailStep({ email, displayName, accessPackageId, onEmail, onDisplayName, onSent, onCancel }: EmailStepProps) {
  const emailField = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<{ message: string; version: number } | null>(null);
  // A 429 for this address: no point asking again before the server's Retry-After.
  const [wait, setWait] = useState<{ email: string; until: number } | null>(null);
  const now = useNow(wait?.until);
  const waiting = wait && wait.email === email.trim().toLowerCase() && wait.until > now ? wait.until - now : 0;
  useEffect(() => emailField.current?.focus(), []);

  const refuse = (message: string) => {
    setProblem((previous) => ({ message, version: (previous?.version ?? 0) + 1 }));
    emailField.current?.focus();
  };
  const send = useMutation({
    mutationFn: () => requestCode(email, accessPackageId),
    onSuccess: onSent,
    onError: (error) => {
      if (error instanceof SignInRefusal && error.retryAfterSeconds !== undefined) setWait({ email: email.trim().toLowerCase(), until: Date.now() + error.retryAfterSeconds * 1000 });
      refuse(errorMessage(error));
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) return refuse('Enter your e-mail address, such as someone@partner.example.');
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) return refuse(`'${email.trim()}' is not an e-mail address such as someone@partner.example.`);
    send.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Sign in with your e-mail address">
      <Stack>
        <Text size="sm">We will e-mail you a code to prove the address is yours. No password needed.</Text>
        <TextInput
          ref={emailField}
          label="Your e-mail address"
          description="Your work address: it tells us which organization you are from."
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          maxLength={320}
          value={email}
          onChange={(event) => {
            onEmail(event.currentTarget.value);
            setProblem(null);
          }}
          error={problem ? <Announced message={problem.message} version={problem.version} /> : undefined}
        />
        <TextInput
          label="Your name"
          description="Shown to the people who approve your requests. You can leave it empty if you have signed in here before."
          autoComplete="name"
          maxLength={256}
          value={displayName}
          onChange={(event) => onDisplayName(event.currentTarget.value)}
        />
        {waiting > 0 ? (
          <Text size="sm" c="dimmed" data-testid="send-wait">
            You can ask for a code for this address again in {describeWait(waiting / 1000)}.
          </Text>
        ) : null}
        <Group justify="space-between">
          {onCancel ? (
            <Button variant="subtle" onClick={onCancel}>
              Back
            </Button>
          ) : (
            <span />
          )}
          <Button type="submit" loading={send.isPending} disabled={waiting > 0}>
            Send code
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type CodeStepProps = {
  sent: Sent;
  accessPackageId: string | undefined;
  displayName: string;
  onResent: (issued: IssuedCode) => void;
  onOtherAddress: () => void;
  onSignedIn: () => Promise<unknown> | void;
};

const digitsOf = (typed: string) => typed.replace(/[\s-]/g, '');

function CodeStep({ sent, accessPackageId, displayName, onResent, onOtherAddress, onSignedIn }: CodeStepProps) {
  const codeField = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [codeProblem, setCodeProblem] = useState<{ message: string; version: number } | null>(null);
  // Refusals about the address or the asking (no code sent, blocked, too many codes): not the code's fault.
  const [otherProblem, setOtherProblem] = useState<string | null>(null);
  const [lifetime] = useState(() => codeLifetimeMinutes(sent, new Date()));
  const [resendAt, setResendAt] = useState(sent.resendAt);
  const now = useNow(resendAt);
  const resendIn = Math.max(0, resendAt - now);
  useEffect(() => {
    setResendAt(sent.resendAt);
    codeField.current?.focus();
  }, [sent]);

  const codeRefused = (message: string) => {
    setCodeProblem((previous) => ({ message, version: (previous?.version ?? 0) + 1 }));
    codeField.current?.focus();
    codeField.current?.select();
  };
  const signIn = useMutation({
    mutationFn: async () => {
      await signInWithCode(sent.email, code, displayName);
      await onSignedIn();
    },
    onError: (error) => {
      if (error instanceof SignInRefusal && error.target === 'code') return codeRefused(error.message);
      setCodeProblem(null);
      setOtherProblem(errorMessage(error));
    },
  });
  const resend = useMutation({
    mutationFn: () => requestCode(sent.email, accessPackageId),
    onSuccess: (issued) => {
      setCode('');
      setCodeProblem(null);
      setOtherProblem(null);
      notify({ title: 'A new code is on its way', message: `Check your e-mail at ${issued.email}. Only the newest code works.` });
      onResent(issued);
    },
    onError: (error) => {
      if (error instanceof SignInRefusal && error.retryAfterSeconds !== undefined) setResendAt(Date.now() + error.retryAfterSeconds * 1000);
      setOtherProblem(errorMessage(error));
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setOtherProblem(null);
    const digits = digitsOf(code);
    if (!digits) return codeRefused('Enter the code from the e-mail.');
    if (digits.length !== sent.codeLength || !/^\d+$/.test(digits)) return codeRefused(`The code is the ${sent.codeLength} digits in the e-mail we sent you.`);
    signIn.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Enter the code from the e-mail">
      <Stack>
        <Text size="sm" data-testid="code-sent">
          We sent a code to{' '}
          <Text span fw={600}>
            {sent.email}
          </Text>
          . It works for {lifetime} {lifetime === 1 ? 'minute' : 'minutes'}. Can’t find it? Look in your junk mail folder.
        </Text>
        <TextInput
          ref={codeField}
          label="Code"
          description={`The ${sent.codeLength} digits in the e-mail`}
          autoComplete="one-time-code"
          inputMode="numeric"
          required
          maxLength={sent.codeLength + 4}
          size="lg"
          styles={{ input: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', letterSpacing: '0.2em' } }}
          value={code}
          onChange={(event) => {
            setCode(event.currentTarget.value);
            setCodeProblem(null);
          }}
          error={codeProblem ? <Announced message={codeProblem.message} version={codeProblem.version} /> : undefined}
        />
        {otherProblem ? (
          <Alert color="red" role="alert" title="That did not work">
            {otherProblem}
          </Alert>
        ) : null}
        <Button type="submit" loading={signIn.isPending}>
          Sign in
        </Button>
        <Group justify="space-between" align="center" gap="xs">
          <Anchor component="button" type="button" size="sm" onClick={onOtherAddress}>
            Use another address
          </Anchor>
          <Button variant="default" size="xs" onClick={() => resend.mutate()} loading={resend.isPending} disabled={resendIn > 0}>
            Send a new code
          </Button>
        </Group>
        {resendIn > 0 ? (
          <Text size="xs" c="dimmed" ta="right" data-testid="resend-wait">
            You can ask for a new code in {describeWait(resendIn / 1000)}.
          </Text>
        ) : null}
      </Stack>
    </form>
  );
}
