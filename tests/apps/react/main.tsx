// A React 19 app: <iris-classifier> with attributes, a property, and its
// events handled by React; predict() read from the package's JS API.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import init, { predict, type Prediction } from 'iris-classifier';
import 'iris-classifier/widget';
import type {} from 'iris-classifier/react';
import type { IrisErrorDetail, IrisPredictionDetail } from 'iris-classifier/widget';

function App() {
  const [petalLength, setPetalLength] = useState<number>(6.0);
  const [fromEvent, setFromEvent] = useState<IrisPredictionDetail | null>(null);
  const [error, setError] = useState<IrisErrorDetail | null>(null);
  const [fromApi, setFromApi] = useState<Prediction | null>(null);

  useEffect(() => {
    void init().then(() => {
      try {
        setFromApi(predict({ sepalLength: 6.3, sepalWidth: 3.3, petalLength, petalWidth: 2.5 }));
      } catch {
        setFromApi(null); // the element words the same error (oniris-error)
      }
    });
  }, [petalLength]);

  return (
    <main>
      <iris-classifier
        sepal-length="6.3"
        sepal-width={3.3}
        petal-width="2.5"
        petalLength={petalLength}
        plot
        oniris-prediction={(event) => { setFromEvent(event.detail); setError(null); }}
        oniris-error={(event) => setError(event.detail)}
      />
      <button type="button" id="setosa" onClick={() => setPetalLength(1.4)}>Petal length 1.4</button>
      <button type="button" id="invalid" onClick={() => setPetalLength(-1)}>Petal length -1</button>
      <output id="event">{fromEvent ? `${fromEvent.species} ${fromEvent.inputs.petalLength}` : ''}</output>
      <output id="error">{error ? error.code : ''}</output>
      <output id="api">{fromApi ? fromApi.species : ''}</output>
    </main>
  );
}

const root = document.querySelector('#app');
if (!root) throw new Error('no #app');
createRoot(root).render(<StrictMode><App /></StrictMode>);
